"""Words the markdown reader recognises, grouped by what they mean, as data.

Every entry is *squashed* (``normalize_name``: lower case, letters and digits only), so
``Bounded Context``, ``bounded-context`` and ``BOUNDED_CONTEXT`` are one entry. The reader
looks words up by meaning (a unit of the system, a layer, "depends on"); each meaning is
given in English and in the other languages architecture documents are written in
(Portuguese, Spanish, French, German, Chinese, Japanese, Arabic), because a meaning does
not change with the language. Entries in scripts without spaces (Chinese, Japanese) are
matched as parts of a word.
"""

from __future__ import annotations

# --- Units of a system -----------------------------------------------------------------

UNIT_PLURALS = frozenset(
    {
        "modules",
        "services",
        "microservices",
        "components",
        "contexts",
        "boundedcontexts",
        "domains",
        "subdomains",
        "subsystems",
        "systems",
        "apps",
        "applications",
        "agents",
        "workers",
        "connectors",
        "engines",
        "crates",  # a Rust workspace's units of code and ownership
        # pt / es
        "módulos",
        "modulos",
        "serviços",
        "servicos",
        "servicios",
        "componentes",
        "contextos",
        "domínios",
        "dominios",
        "subsistemas",
        "sistemas",
        # fr
        "composants",
        "contextes",
        "domaines",
        # de
        "komponenten",
        "dienste",
        "kontexte",
        "domänen",
        # it / nl / ru / tr / id / vi
        "moduli",
        "servizi",
        "componenti",
        "componenten",
        "diensten",
        "модули",
        "сервисы",
        "компоненты",
        "контексты",
        "домены",
        "службы",
        "modüller",
        "servisler",
        "bileşenler",
        "layanan",
        "komponen",
        # arc42
        "blocks",
        "buildingblocks",
        # ar
        "المكونات",
        "الوحدات",
        "الخدمات",
    }
)
"""A heading with one of these words introduces a set of units: ``Services``, ``Módulos``."""

UNIT_SINGULARS = frozenset(
    {
        "module",
        "service",
        "microservice",
        "component",
        "context",
        "boundedcontext",
        "subsystem",
        "app",
        "application",
        "agent",
        "worker",
        "módulo",
        "modulo",
        "serviço",
        "servicio",
        "componente",
        "contexto",
        "composant",
        "contexte",
        "modul",
        "komponente",
        "dienst",
        "servizio",
        "модуль",
        "сервис",
        "компонент",
        "modül",
        "servis",
        "bileşen",
        "block",
        "buildingblock",
        "crate",
        "domain",
    }
)
"""A singular unit noun introduces units only with an inventory word: ``Module Inventory``.

``system`` is not here: ``System Overview`` describes the whole system. ``Domain Model`` has
no inventory word, ``Domain Layer`` is a layer; ``Domain Boundaries`` lists domains.
"""

INVENTORY_QUALIFIERS = frozenset(
    {
        "inventory",
        "catalog",
        "catalogue",
        "list",
        "overview",
        "details",
        "responsibilities",
        "boundaries",
        "definitions",
        "descriptions",
        "description",
        "breakdown",
        "architecture",
        "structure",
        "map",
        "organization",
        "organisation",
        "registry",
        "index",
        "landscape",
        "decomposition",
        "inventário",
        "inventario",
        "lista",
        "catálogo",
        "catalogo",
        "visão",
        "vision",
        "descrição",
        "descripción",
        "liste",
        "übersicht",
        "view",
        "whitebox",
        "panoramica",
        "обзор",
        "список",
        "daftar",
    }
)

CJK_UNIT_WORDS = (
    "模块",
    "模組",
    "服务",
    "服務",
    "组件",
    "組件",
    "元件",
    "上下文",
    "子系统",
    "子系統",
    "モジュール",
    "サービス",
    "コンポーネント",
    "コンテキスト",
    "모듈",
    "서비스",
    "컴포넌트",
    "도메인",
)
"""Unit nouns in Chinese, Japanese and Korean, found inside a heading's words (no spaces there)."""

CJK_SET_PREFIXES = (
    "核心",
    "主要",
    "关键",
    "關鍵",
    "系统",
    "系統",
    "业务",
    "業務",
    "基础",
    "基礎",
    "所有",
    "全部",
    "后端",
    "後端",
    "微",
    "功能",
    "应用",
    "應用",
    "平台",
    "领域",
    "領域",
    "子",
    "各",
    "主な",
    "주요",
    "핵심",
)
"""``核心模組`` (core modules) lists modules; ``订单服务`` (order service) is one: the word
before the unit noun says which."""

CJK_MODULE_SUFFIXES = ("服务", "服務", "模块", "模組", "サービス", "モジュール", "서비스", "모듈")
"""``订单服务`` (order service), ``推薦演算法模組``: a module named with its unit noun."""

MODULE_NOUNS = frozenset(
    {"module", "service", "microservice", "context", "boundedcontext", "component"}
)
"""Trailing nouns prose may leave out of a name (``Workspace Service`` -> ``Workspace``)."""

EXPLICIT_PREFIXES = frozenset(
    {
        "module",
        "service",
        "microservice",
        "boundedcontext",
        "context",
        "component",
        "subsystem",
        "domain",
        "app",
        "módulo",
        "modulo",
        "serviço",
        "servicio",
        "contexto",
        "composant",
        "modul",
        "模块",
        "模組",
        "服务",
        "服務",
        "限界上下文",
    }
)
"""``Module: orders``, ``Module 1: RAG Studio``, ``Bounded Context — Billing`` headings."""

# --- Headings that are about something else ---------------------------------------------

LAYER_WORDS = frozenset(
    {
        "layer",
        "layers",
        "tier",
        "tiers",
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
        "capa",
        "camada",
        "camadas",
        "couche",
        "schicht",
        "层",
        "層",
        "الطبقة",
    }
)
"""Words of layer names: a heading made of them is a layer, never a module."""

BEHAVIOUR_LAYER_WORDS = frozenset({"backend", "server", "services", "后端", "後端", "服务", "服務"})
"""Words of the layer that holds a system's services (``Backend Layer``, ``后端应用层``): a
drawing's boxes in that layer are its units, where the boxes of the presentation or
infrastructure layer are screens and products. Not ``Domain`` or ``Application``: in a
layered (clean, hexagonal) drawing those layers hold code parts (entities, use cases)."""

LAYER_MARKERS = frozenset(
    {"layer", "layers", "tier", "tiers", "capa", "camada", "couche", "schicht", "الطبقة"}
)
CJK_LAYER_MARKERS = ("层", "層")
"""A heading that says it is a layer (``AI Agents Layer``, ``AI代理层``) groups the units in it."""

NOT_INVENTORY_WORDS = frozenset(
    {
        "layer",
        "layers",
        "tier",
        "technology",
        "technologies",
        "tech",
        "stack",
        "deployment",
        "deploy",
        "infrastructure",
        "external",
        "thirdparty",
        "shared",
        "common",
        "crosscutting",
        "testing",
        "tests",
        "test",
        "communication",
        "communications",
        "interaction",
        "interactions",
        "flow",
        "flows",
        "diagram",
        "diagrams",
        "sequence",
        "dependencies",
        "dependency",
        "security",
        "monitoring",
        "observability",
        "configuration",
        "environment",
        "environments",
        "scaling",
        "performance",
        "ui",
        "ux",
        "frontend",
        "gui",
        "client",
        "clients",
        # how the system is designed, not what it is made of: "Architecture Principles",
        # "Design Patterns", "Guidelines", "Goals" (their sub-headings name styles such as
        # "Microservices Architecture", never the system's own units)
        "principles",
        "principle",
        "patterns",
        "guidelines",
        "conventions",
        "philosophy",
        "tenets",
        "goals",
        "requirements",
        "considerations",
        "practices",
        "princípios",
        "principios",
        "principes",
        "prinzipien",
        "padrões",
        "patrones",
        "requisitos",
        "原则",
        "原則",
        "tecnologia",
        "tecnologías",
        "implantação",
        "externos",
        "externas",
        "externes",
        "compartilhados",
        "partagés",
        "技术",
        "部署",
        "外部",
        "共享",
        "公共",
        "图",
        "圖",
        "流程",
        "交互",
        "通信",
        "测试",
        "測試",
        "前端",
    }
)
"""A heading with one of these words is about technology, deployment, flows or tests.

``External Services`` are somebody else's, ``Shared Components`` are a kernel, ``Service
Communication`` and ``Component Diagram`` describe how units talk, ``UI Components`` are
parts of a screen: none lists the units. Nor does a heading below one of these.
"""

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
        "note",
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
        "how",
        "why",
        "what",
        "works",
        "functions",
        "usage",
        "extensibility",
        "rationale",
        "future",
        "roadmap",
        "todo",
        "faq",
        "references",
        "appendix",
        "integration",
        "integrations",
        "stack",
        "schema",
    }
)
"""Words of headings that describe the system or a part of a section, never name a unit."""

NAME_DECORATIONS = frozenset(
    {"architecture", "design", "overview", "details", "internals", "architektur"}
)
"""Trailing words a heading adds to a unit's name: ``Heuristics Engine Architecture``."""
CJK_NAME_DECORATIONS = ("架构", "架構", "设计", "設計")

ARTICLES = frozenset({"the", "a", "an"})
"""``THE RULE ENGINE`` is the ``RULE ENGINE``: an article is no part of a name."""

# --- Table columns ------------------------------------------------------------------------

STRONG_MODULE_COLUMNS = frozenset(
    {
        "module",
        "modules",
        "modulename",
        "boundedcontext",
        "boundedcontexts",
        "context",
        "contexts",
        "contextname",
        "domainmodule",
        "módulo",
        "modulo",
        "contexto",
        "contexte",
        "modul",
        "模块",
        "模組",
        "限界上下文",
        "上下文",
        "الوحدة",
        "السياق",
        "모듈",
        "モジュール",
        "модуль",
        "modül",
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
        "components",
        "moduleservice",
        "domain",
        "subsystem",
        "boundary",
        "crate",
        "package",
        "app",
        "application",
        "agent",
        "worker",
        "engine",
        "unit",
        "serviço",
        "servicio",
        "componente",
        "composant",
        "domínio",
        "dominio",
        "domaine",
        "dienst",
        "komponente",
        "服务",
        "服務",
        "微服务",
        "组件",
        "組件",
        "边界",
        "邊界",
        "领域",
        "領域",
        "サービス",
        "コンポーネント",
        "الخدمة",
        "المكون",
        "서비스",
        "컴포넌트",
        "сервис",
        "компонент",
        "servizio",
        "layanan",
        "komponen",
    }
)
"""Columns that may also list infrastructure (a ``Service`` table with a PostgreSQL row)."""

LEADING_COLUMNS = frozenset(
    {
        "",
        "no",
        "nr",
        "number",
        "order",
        "phase",
        "wave",
        "stage",
        "step",
        "layer",
        "tier",
        "id",
        "level",
        "camada",
        "capa",
        "层",
        "層",
        "الطبقة",
    }
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
        "target",
        "typical",
        "coveragetarget",
        "latency",
        "tecnologia",
        "技术",
        "技术选择",
        "技术栈",
        "选型",
    }
)
"""A component table with one of these columns is a stack or a budget, not a module list."""

COLUMN_WORDS: dict[str, str] = {
    # responsibility
    "responsibility": "responsibility",
    "responsibilities": "responsibility",
    "description": "responsibility",
    "purpose": "responsibility",
    "summary": "responsibility",
    "role": "responsibility",
    "owns": "responsibility",
    "scope": "responsibility",
    "responsabilidade": "responsibility",
    "responsabilidad": "responsibility",
    "responsabilité": "responsibility",
    "descrição": "responsibility",
    "descripción": "responsibility",
    "propósito": "responsibility",
    "rôle": "responsibility",
    "zuständigkeit": "responsibility",
    "beschreibung": "responsibility",
    "职责": "responsibility",
    "職責": "responsibility",
    "说明": "responsibility",
    "說明": "responsibility",
    "描述": "responsibility",
    "責務": "responsibility",
    "役割": "responsibility",
    "説明": "responsibility",
    "概要": "responsibility",
    "설명": "responsibility",
    "역할": "responsibility",
    "책임": "responsibility",
    "описание": "responsibility",
    "ответственность": "responsibility",
    "المسؤولية": "responsibility",
    # dependencies (this module needs the named ones)
    "dependencies": "dependencies",
    "dependency": "dependencies",
    "depends": "dependencies",
    "requires": "dependencies",
    "uses": "dependencies",
    "calls": "dependencies",
    "upstream": "dependencies",
    "consumes": "dependencies",
    "dependências": "dependencies",
    "dependencias": "dependencies",
    "dépendances": "dependencies",
    "abhängigkeiten": "dependencies",
    "依赖": "dependencies",
    "依賴": "dependencies",
    "上游": "dependencies",
    "依存": "dependencies",
    "依存関係": "dependencies",
    "의존성": "dependencies",
    "зависимости": "dependencies",
    "التبعيات": "dependencies",
    # reverse dependencies (the named ones need this module)
    "downstream": "dependents",
    "dependents": "dependents",
    "consumers": "dependents",
    "usedby": "dependents",
    "calledby": "dependents",
    "下游": "dependents",
    # other fields
    "phase": "phase",
    "buildphase": "phase",
    "wave": "phase",
    "stage": "phase",
    "milestone": "phase",
    "fase": "phase",
    "阶段": "phase",
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
    "entities": "aggregates",
    "events": "domain_events",
    "event": "domain_events",
    "domainevents": "domain_events",
    "emits": "domain_events",
    "publishes": "domain_events",
    "eventos": "domain_events",
    "événements": "domain_events",
    "事件": "domain_events",
    "endpoints": "endpoints",
    "endpoint": "endpoints",
    "api": "endpoints",
    "apis": "endpoints",
    "routes": "endpoints",
    "接口": "endpoints",
    "commands": "commands",
    "queries": "queries",
    "tables": "tables",
    "external": "external_services",
    "externalservices": "external_services",
    "externalsystems": "external_services",
    "integrations": "external_services",
    "thirdparty": "external_services",
}
"""Column header words and the Module field a column fills.

A header is read word by word (``Upstream contexts``: ``upstream`` -> dependencies;
``Endpoints principaux``: ``endpoints``), so qualifiers around the word do not hide it.
"""

COLUMN_PHRASES: dict[str, str] = {
    "externaldependencies": "external_services",
    "dependson": "dependencies",
    "usedby": "dependents",
    "calledby": "dependents",
    "dependedonby": "dependents",
    "mustnotown": "",
    "doesnotown": "",
    "nãofaz": "",
    "无权做什么": "",
}
"""Whole headers whose meaning is not the meaning of their words (``Must Not Own``)."""

# --- Labels inside a module's own section --------------------------------------------------

LABEL_FIELDS: dict[str, str] = {
    "responsibility": "responsibility",
    "responsibilities": "responsibility",
    "purpose": "responsibility",
    "description": "responsibility",
    "role": "responsibility",
    "rôle": "responsibility",
    "职责": "responsibility",
    "職責": "responsibility",
    "responsabilidade": "responsibility",
    "responsabilité": "responsibility",
    "phase": "phase",
    "buildphase": "phase",
    "wave": "phase",
    "stage": "phase",
    "dependencies": "dependencies",
    "dependency": "dependencies",
    "dependson": "dependencies",
    "depends": "dependencies",
    "requires": "dependencies",
    "upstream": "dependencies",
    "upstreamcontexts": "dependencies",
    "依赖": "dependencies",
    "dependências": "dependencies",
    "dépendances": "dependencies",
    "uses": "loose_dependencies",
    "calls": "loose_dependencies",
    "talksto": "loose_dependencies",
    "consumes": "loose_dependencies",
    "consumesfrom": "loose_dependencies",
    "subscribesto": "loose_dependencies",
    "integrateswith": "loose_dependencies",
    "communicateswith": "loose_dependencies",
    "interactswith": "loose_dependencies",
    "collaborators": "loose_dependencies",
    "relieson": "loose_dependencies",
    "relations": "loose_dependencies",
    "relationships": "loose_dependencies",
    "downstream": "dependents",
    "usedby": "dependents",
    "calledby": "dependents",
    "consumers": "dependents",
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
    "raises": "domain_events",
    "eventos": "domain_events",
    "事件": "domain_events",
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
    "接口": "endpoints",
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
    "alias": "aliases",
    "aliases": "aliases",
    "alsoknownas": "aliases",
}
"""``**Label**: value`` lines (and ``* Emits: ...`` bullets) in a module's section."""

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

LIST_LABELS = frozenset(
    {
        "modules",
        "services",
        "microservices",
        "boundedcontexts",
        "contexts",
        "components",
        "módulos",
        "modulos",
        "serviços",
        "componentes",
        "composants",
        "模块",
        "模組",
        "服务",
        "服務",
    }
)
"""A ``**Modules:**`` paragraph followed by a list introduces a module list."""

TREE_FOLDERS = frozenset(
    {
        "modules",
        "services",
        "contexts",
        "boundedcontexts",
        "domains",
        "microservices",
        "módulos",
        "modulos",
    }
)
"""In a source tree, the children of ``modules/`` or ``services/`` are the modules."""

MODULE_TREE_FOLDERS = frozenset({"modules", "módulos", "modulos", "boundedcontexts", "contexts"})
"""The folders that hold nothing but modules: their tree is the inventory wherever it stands
(``services/`` or ``domains/`` may hold helpers)."""

INFRASTRUCTURE_TREE_FOLDERS = frozenset(
    {"infrastructure", "infra", "terraform", "iac", "deploy", "deployment", "helm", "k8s", "ops"}
)
"""Folders of infrastructure code: a ``modules/`` below them holds the IaC's modules."""

# --- Build order ----------------------------------------------------------------------------

BUILD_ORDER_HEADINGS = frozenset(
    {
        "buildorder",
        "buildphases",
        "buildsequence",
        "implementationorder",
        "implementationphases",
        "implementationsequence",
        "modulebuildorder",
        "dependencyorder",
        "deliveryorder",
        "deliveryplan",
        "deliveryphases",
        "deliverywaves",
        "waves",
        "phases",
        "milestones",
        "buildplan",
        "ordemdeconstrução",
        "ordendeconstrucción",
        "构建顺序",
        "构建阶段",
        "实施顺序",
    }
)
"""Headings that introduce the order in which modules are built."""

PHASE_WORDS = (
    "phase",
    "wave",
    "stage",
    "milestone",
    "step",
    "iteration",
    "increment",
    "fase",
    "etapa",
    "onda",
    "vague",
    "étape",
    "welle",
    "stufe",
)
"""``Phase 2: ...``, ``Wave 1: patients, staff``, ``Stage 3 — billing``: a numbered step."""

CJK_PHASE_WORDS = ("阶段", "階段", "フェーズ")

# --- Infrastructure -------------------------------------------------------------------------

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
        "supabase",
        "firebase",
        "netlify",
        "vercel",
        "cloudflare",
    }
)
"""Infrastructure products: in a ``Service``/``Component`` source they are not modules."""

INFRASTRUCTURE_PHRASES = frozenset({"loadbalancer", "fluentbit", "messagebroker", "messagequeue"})
