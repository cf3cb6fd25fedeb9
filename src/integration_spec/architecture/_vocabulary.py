"""Words the markdown reader recognises, as data: column headers, labels, heading words.

Every entry is *squashed* (``normalize_name``: lower case, letters and digits only), so
``Bounded Context``, ``bounded-context`` and ``BOUNDED_CONTEXT`` are one entry. A few
entries in Chinese and Arabic cover documents of the corpus written in those languages.
"""

from __future__ import annotations

STRONG_MODULE_COLUMNS = frozenset(
    {
        "module",
        "modulename",
        "boundedcontext",
        "boundedcontexts",
        "context",
        "contextname",
        "boundary",
        "domainmodule",
        "模块",
        "限界上下文",
        "上下文",
        "边界",
        "الوحدة",
        "السياق",
    }
)
"""Module-table columns that name modules outright: every row is a module of the system."""

WEAK_MODULE_COLUMNS = frozenset(
    {
        "service",
        "servicename",
        "services",
        "microservice",
        "component",
        "componentname",
        "moduleservice",
        "服务",
        "微服务",
        "组件",
        "الخدمة",
        "المكون",
    }
)
"""Columns that may also list infrastructure (a ``Service`` table with a PostgreSQL row)."""

LEADING_COLUMNS = frozenset(
    {"", "no", "nr", "number", "order", "phase", "layer", "tier", "id", "层", "الطبقة"}
)
"""Columns that may stand before the module column without making it a secondary table."""

TECHNOLOGY_COLUMNS = frozenset(
    {
        "technology",
        "technologies",
        "tech",
        "techstack",
        "stack",
        "tool",
        "tools",
        "framework",
        "frameworks",
        "library",
        "version",
        "技术",
        "技术选择",
        "技术栈",
        "选型",
    }
)
"""A component table with one of these columns is a technology stack, not a module list."""

TABLE_FIELDS: dict[str, str] = {
    "responsibility": "responsibility",
    "responsibilities": "responsibility",
    "primaryresponsibility": "responsibility",
    "interfaceresponsibility": "responsibility",
    "description": "responsibility",
    "purpose": "responsibility",
    "summary": "responsibility",
    "role": "responsibility",
    "职责": "responsibility",
    "dependencies": "dependencies",
    "dependency": "dependencies",
    "dependson": "dependencies",
    "depends": "dependencies",
    "requires": "dependencies",
    "moduledependencies": "dependencies",
    "internaldependencies": "dependencies",
    "依赖": "dependencies",
    "externaldependencies": "external_dependencies",
    "external": "external_services",
    "externalservices": "external_services",
    "externalsystems": "external_services",
    "integrations": "external_services",
    "thirdparty": "external_services",
    "phase": "phase",
    "buildphase": "phase",
    "path": "source_paths",
    "paths": "source_paths",
    "sourcepath": "source_paths",
    "source": "source_paths",
    "location": "source_paths",
    "directory": "source_paths",
    "folder": "source_paths",
    "package": "source_paths",
    "coreentity": "aggregates",
    "coreentities": "aggregates",
    "aggregate": "aggregates",
    "aggregates": "aggregates",
    "aggregateroot": "aggregates",
    "events": "domain_events",
    "domainevents": "domain_events",
    "eventspublished": "domain_events",
    "publishedevents": "domain_events",
    "publishes": "domain_events",
    "endpoints": "endpoints",
    "commands": "commands",
    "queries": "queries",
    "tables": "tables",
}
"""Other columns of a module table and the Module field each fills."""

RESPONSIBILITY_STEMS = ("responsib", "المسؤولية")
"""Header words that mean responsibility whatever else the header says."""

LABEL_FIELDS: dict[str, str] = {
    "responsibility": "responsibility",
    "responsibilities": "responsibility",
    "purpose": "responsibility",
    "description": "responsibility",
    "职责": "responsibility",
    "phase": "phase",
    "buildphase": "phase",
    "dependencies": "dependencies",
    "dependency": "dependencies",
    "dependson": "dependencies",
    "depends": "dependencies",
    "requires": "dependencies",
    "依赖": "dependencies",
    "uses": "loose_dependencies",
    "calls": "loose_dependencies",
    "aggregate": "aggregates",
    "aggregates": "aggregates",
    "aggregateroot": "aggregates",
    "aggregateroots": "aggregates",
    "coreentity": "aggregates",
    "entities": "aggregates",
    "valueobject": "value_objects",
    "valueobjects": "value_objects",
    "domainevent": "domain_events",
    "domainevents": "domain_events",
    "events": "domain_events",
    "eventspublished": "domain_events",
    "publishedevents": "domain_events",
    "publishes": "domain_events",
    "emits": "domain_events",
    "invariant": "invariants",
    "invariants": "invariants",
    "businessrules": "invariants",
    "command": "commands",
    "commands": "commands",
    "query": "queries",
    "queries": "queries",
    "http": "endpoints",
    "rest": "endpoints",
    "restapi": "endpoints",
    "api": "endpoints",
    "apis": "endpoints",
    "endpoint": "endpoints",
    "endpoints": "endpoints",
    "httpendpoints": "endpoints",
    "routes": "endpoints",
    "database": "tables",
    "db": "tables",
    "tables": "tables",
    "persistence": "tables",
    "external": "external_services",
    "externalservices": "external_services",
    "externalsystems": "external_services",
    "externaldependencies": "external_services",
    "integrations": "external_services",
    "thirdparty": "external_services",
    "source": "source_paths",
    "sourcepath": "source_paths",
    "sourcecode": "source_paths",
    "path": "source_paths",
    "paths": "source_paths",
    "location": "source_paths",
    "directory": "source_paths",
    "folder": "source_paths",
    "package": "source_paths",
    "code": "source_paths",
}
"""``**Label**: value`` lines inside a module's section and the field each fills."""

KNOWN_UNUSED_LABELS = frozenset(
    {
        "inbound",
        "outbound",
        "inboundports",
        "outboundports",
        "driving",
        "driven",
        "pages",
        "components",
        "screens",
    }
)
"""Labels of the hexagonal format that the model has no field for; skipped silently."""

MODULE_NOUNS = frozenset({"module", "service", "microservice", "context", "boundedcontext"})
"""Trailing nouns prose may leave out of a name (``Workspace Service`` -> ``Workspace``)."""

EXPLICIT_PREFIXES = frozenset(
    {
        "module",
        "service",
        "microservice",
        "boundedcontext",
        "context",
        "component",
        "模块",
        "服务",
        "限界上下文",
    }
)
"""``Module: orders`` and ``Bounded Context: Billing`` headings."""

CJK_MODULE_SUFFIXES = ("服务", "模块")
"""``订单服务`` (order service): a Chinese module heading."""

COLLECTION_PLURALS = frozenset(
    {"modules", "services", "microservices", "contexts", "apps", "applications"}
)
"""A heading with one of these words introduces the modules (``Modules``, ``Services``)."""

COLLECTION_SINGULARS = frozenset({"module", "service", "microservice", "app", "application"})
COLLECTION_QUALIFIERS = frozenset(
    {
        "details",
        "overview",
        "inventory",
        "catalog",
        "catalogue",
        "list",
        "responsibilities",
        "boundaries",
        "definitions",
        "descriptions",
        "breakdown",
    }
)
"""``Service Details``, ``App Responsibilities``: a singular noun with one of these words."""

CJK_COLLECTIONS = frozenset(
    {"模块", "服务", "微服务", "模块列表", "服务列表", "模块清单", "服务清单"}
)

LIST_LABELS = frozenset(
    {"modules", "services", "microservices", "boundedcontexts", "contexts", "模块", "服务"}
)
"""A ``**Modules:**`` paragraph followed by a list introduces a module list."""

LAYER_WORDS = frozenset(
    {
        "layer",
        "layers",
        "tier",
        "domain",
        "application",
        "infrastructure",
        "presentation",
        "persistence",
        "adapter",
        "adapters",
        "port",
        "ports",
        "ui",
        "层",
    }
)
"""Words of layer names: a heading made of them is a layer, never a module."""

GENERIC_WORDS = frozenset(
    {
        "overview",
        "summary",
        "introduction",
        "architecture",
        "communication",
        "communications",
        "interaction",
        "interactions",
        "flow",
        "flows",
        "diagram",
        "diagrams",
        "details",
        "responsibilities",
        "dependencies",
        "principles",
        "patterns",
        "deployment",
        "configuration",
        "security",
        "testing",
        "monitoring",
        "observability",
        "notes",
        "decisions",
        "glossary",
        "structure",
        "boundaries",
        "contracts",
        "scaling",
        "discovery",
        "mesh",
        "strategy",
        "model",
        "models",
        "example",
        "examples",
    }
)
"""Words of headings that describe the system rather than name a module."""

BUILD_ORDER_HEADINGS = frozenset(
    {
        "buildorder",
        "buildphases",
        "buildsequence",
        "implementationorder",
        "modulebuildorder",
        "dependencyorder",
        "构建顺序",
    }
)

INFRASTRUCTURE = frozenset(
    {
        "postgresql",
        "postgres",
        "mysql",
        "mariadb",
        "sqlite",
        "mongodb",
        "mongo",
        "redis",
        "memcached",
        "cassandra",
        "dynamodb",
        "firestore",
        "kafka",
        "rabbitmq",
        "zookeeper",
        "nats",
        "activemq",
        "sqs",
        "sns",
        "elasticsearch",
        "opensearch",
        "kibana",
        "logstash",
        "fluentd",
        "loki",
        "prometheus",
        "grafana",
        "jaeger",
        "zipkin",
        "otel",
        "opentelemetry",
        "alertmanager",
        "pagerduty",
        "nginx",
        "haproxy",
        "envoy",
        "traefik",
        "istio",
        "caddy",
        "docker",
        "kubernetes",
        "k8s",
        "helm",
        "terraform",
        "argocd",
        "minio",
        "s3",
        "hazelcast",
        "qdrant",
        "etcd",
        "consul",
        "vault",
        "cdn",
        "lb",
        "temporal",
        "sentry",
        "datadog",
    }
)
"""Infrastructure products: in a ``Service``/``Component`` source they are not modules."""

INFRASTRUCTURE_PHRASES = frozenset({"loadbalancer", "fluentbit", "messagebroker", "messagequeue"})
