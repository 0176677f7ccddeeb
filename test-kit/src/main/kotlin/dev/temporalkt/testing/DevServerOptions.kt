package dev.temporalkt.testing

import dev.temporalkt.api.enums.v1.IndexedValueType
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import java.nio.file.Path
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/**
 * How [DevServer.start] launches `temporal server start-dev`. Immutable; build one with
 * [newBuilder] (Java) or the [DevServerOptions] builder function (Kotlin):
 *
 * ```kotlin
 * val options = DevServerOptions {
 *     namespace("orders")
 *     searchAttribute("OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
 *     dynamicConfig("limit.historyCount.suggestContinueAsNew", "50")
 * }
 * DevServer.start(options).use { server -> /* ... */ }
 * ```
 *
 * ```java
 * DevServerOptions options = DevServerOptions.newBuilder()
 *     .executable(Path.of("/opt/temporal/bin/temporal"))
 *     .startTimeout(java.time.Duration.ofSeconds(90))
 *     .build();
 * ```
 *
 * The server always binds 127.0.0.1, on free ports unless [port] fixes the gRPC one, and runs headless (no Web UI).
 */
public class DevServerOptions private constructor(builder: Builder) {
    /**
     * The CLI executable to run; `null` (the default) looks it up through the `temporal.cli.path`
     * system property, then the `TEMPORAL_CLI_PATH` environment variable, then `temporal` on the `PATH`.
     */
    public val executable: Path? = builder.executable

    /** The namespace clients use; created at start-up (the `default` namespace always exists too). */
    public val namespace: String = builder.namespace

    /** SQLite file that persists state across restarts; `null` (the default) keeps everything in memory. */
    public val databaseFile: Path? = builder.databaseFile

    /**
     * The loopback port of the gRPC frontend; `null` (the default) picks a free one. A fixed port, with a
     * [databaseFile], lets a test stop the server and start it again at the same address on the same state, so the
     * workers and clients connected to it reconnect by themselves.
     */
    public val port: Int? = builder.port

    /** Server log level: `debug`, `info`, `warn` (default) or `error`. */
    public val logLevel: String = builder.logLevel

    /** Custom search attributes registered at start-up, by name. */
    public val searchAttributes: Map<String, IndexedValueType> = LinkedHashMap(builder.searchAttributes)

    /** Dynamic configuration: key to JSON value (`true`, `50`, `"text"` with the quotes). */
    public val dynamicConfig: Map<String, String> = LinkedHashMap(builder.dynamicConfig)

    /** Further `temporal server start-dev` arguments, appended last. */
    public val extraArgs: List<String> = builder.extraArgs.toList()

    /** How long to wait for the server to answer before giving up. */
    public val startTimeout: Duration = builder.startTimeout

    /** A builder initialised with these options. */
    public fun toBuilder(): Builder = Builder(this)

    override fun toString(): String =
        "DevServerOptions(executable=$executable, namespace=$namespace, databaseFile=$databaseFile, port=$port, " +
            "logLevel=$logLevel, searchAttributes=$searchAttributes, dynamicConfig=$dynamicConfig, " +
            "extraArgs=$extraArgs, startTimeout=$startTimeout)"

    /**
     * Builds [DevServerOptions]. Starts from the defaults: the CLI looked up as described on
     * [executable], namespace `default`, in memory, log level `warn`, the [DEFAULT_SEARCH_ATTRIBUTES]
     * and the [DEFAULT_DYNAMIC_CONFIG], a 60 s start timeout. Every setter validates its input and
     * throws [IllegalArgumentException] saying what is wrong.
     */
    public class Builder internal constructor(from: DevServerOptions?) {
        internal var executable: Path? = from?.executable
        internal var namespace: String = from?.namespace ?: DEFAULT_NAMESPACE
        internal var databaseFile: Path? = from?.databaseFile
        internal var port: Int? = from?.port
        internal var logLevel: String = from?.logLevel ?: DEFAULT_LOG_LEVEL
        internal val searchAttributes: MutableMap<String, IndexedValueType> =
            LinkedHashMap(from?.searchAttributes ?: DEFAULT_SEARCH_ATTRIBUTES)
        internal val dynamicConfig: MutableMap<String, String> =
            LinkedHashMap(from?.dynamicConfig ?: DEFAULT_DYNAMIC_CONFIG)
        internal val extraArgs: MutableList<String> = from?.extraArgs?.toMutableList() ?: mutableListOf()
        internal var startTimeout: Duration = from?.startTimeout ?: DEFAULT_START_TIMEOUT

        /** Runs this CLI executable instead of looking one up. */
        public fun executable(path: Path?): Builder = apply { executable = path }

        /** Uses (and creates at start-up) this namespace. */
        public fun namespace(name: String): Builder = apply {
            require(name.isNotBlank()) { "namespace must not be blank" }
            namespace = name
        }

        /** Persists the server state in this SQLite file; `null` keeps it in memory. */
        public fun databaseFile(path: Path?): Builder = apply { databaseFile = path }

        /** Binds the gRPC frontend to this loopback port (1 to 65535); `null` picks a free one. */
        public fun port(port: Int?): Builder = apply {
            require(port == null || port in 1..65535) { "port must be between 1 and 65535, or null for a free one, was $port" }
            this.port = port
        }

        /** Sets the server log level: `debug`, `info`, `warn` or `error`. */
        public fun logLevel(level: String): Builder = apply {
            require(level in LOG_LEVELS) { "logLevel must be one of $LOG_LEVELS, was '$level'" }
            logLevel = level
        }

        /**
         * Registers a custom search attribute at start-up, replacing one of the same name.
         *
         * @param name an identifier (letters, digits, `_`, not starting with a digit).
         * @param type any concrete [IndexedValueType] (not `UNSPECIFIED`).
         */
        public fun searchAttribute(name: String, type: IndexedValueType): Builder = apply {
            require(IDENTIFIER.matches(name)) {
                "search attribute name must be an identifier (letters, digits, '_', not starting with a digit), " +
                    "was '$name'"
            }
            require(type in CLI_TYPE_NAMES) {
                "search attribute '$name' needs a concrete type (one of ${CLI_TYPE_NAMES.keys}), was $type"
            }
            searchAttributes[name] = type
        }

        /** Registers none of the search attributes added so far, including the defaults. */
        public fun clearSearchAttributes(): Builder = apply { searchAttributes.clear() }

        /**
         * Sets a dynamic configuration value, replacing one with the same key.
         *
         * @param key a dynamic config key such as `system.enableEagerWorkflowStart`.
         * @param jsonValue the value as JSON: `true`, `50`, `"a string"` (with the quotes).
         */
        public fun dynamicConfig(key: String, jsonValue: String): Builder = apply {
            require(DYNAMIC_CONFIG_KEY.matches(key)) {
                "dynamic config key must be dot-separated identifiers like 'system.enableEagerWorkflowStart', was '$key'"
            }
            try {
                Json.parseToJsonElement(jsonValue)
            } catch (e: SerializationException) {
                throw IllegalArgumentException(
                    "dynamic config value for '$key' must be JSON (strings need quotes, e.g. \"\\\"text\\\"\"), " +
                        "was: $jsonValue",
                    e,
                )
            }
            dynamicConfig[key] = jsonValue
        }

        /** Sets none of the dynamic configuration values added so far, including the defaults. */
        public fun clearDynamicConfig(): Builder = apply { dynamicConfig.clear() }

        /** Appends raw `temporal server start-dev` arguments. */
        public fun extraArgs(vararg args: String): Builder = apply { extraArgs += args }

        /** Waits at most this long for the server to become ready. */
        public fun startTimeout(timeout: Duration): Builder = apply {
            require(timeout.isPositive()) { "startTimeout must be positive, was $timeout" }
            startTimeout = timeout
        }

        /** Waits at most this long for the server to become ready. */
        public fun startTimeout(timeout: java.time.Duration): Builder = startTimeout(timeout.toKotlinDuration())

        /** The options. */
        public fun build(): DevServerOptions = DevServerOptions(this)
    }

    /** The defaults, and the dynamic configuration the dev server starts with. */
    public companion object {
        private const val DEFAULT_NAMESPACE = "default"
        private const val DEFAULT_LOG_LEVEL = "warn"
        private val DEFAULT_START_TIMEOUT = 60.seconds
        private val LOG_LEVELS = listOf("debug", "info", "warn", "error")
        private val IDENTIFIER = Regex("[A-Za-z_][A-Za-z0-9_]*")
        private val DYNAMIC_CONFIG_KEY = Regex("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")

        /** The type names `--search-attribute NAME=TYPE` accepts. */
        internal val CLI_TYPE_NAMES: Map<IndexedValueType, String> = mapOf(
            IndexedValueType.INDEXED_VALUE_TYPE_TEXT to "Text",
            IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD to "Keyword",
            IndexedValueType.INDEXED_VALUE_TYPE_INT to "Int",
            IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE to "Double",
            IndexedValueType.INDEXED_VALUE_TYPE_BOOL to "Bool",
            IndexedValueType.INDEXED_VALUE_TYPE_DATETIME to "Datetime",
            IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST to "KeywordList",
        )

        /**
         * Custom search attributes registered by default. The same names (except
         * `CustomKeywordListField`) are predefined by the embedded time-skipping test server, so tests
         * that use them run on both servers. The dev server predefines none of them.
         */
        @JvmField
        public val DEFAULT_SEARCH_ATTRIBUTES: Map<String, IndexedValueType> = mapOf(
            "CustomKeywordField" to IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            "CustomStringField" to IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
            "CustomTextField" to IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
            "CustomIntField" to IndexedValueType.INDEXED_VALUE_TYPE_INT,
            "CustomDoubleField" to IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
            "CustomBoolField" to IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
            "CustomDatetimeField" to IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
            "CustomKeywordListField" to IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
        )

        /**
         * Dynamic configuration set by default: features that the Temporal SDK test suites switch on
         * and that are off (or slow to reflect changes) in a stock server.
         *
         * - `system.forceSearchAttributesCacheRefreshOnRead`: newly registered search attributes are
         *   usable immediately.
         * - `system.enableEagerWorkflowStart`: eager workflow start.
         * - `frontend.enableUpdateWorkflowExecution`, `frontend.enableUpdateWorkflowExecutionAsyncAccepted`:
         *   workflow updates, including waiting only for acceptance.
         * - `frontend.enableExecuteMultiOperation`: update-with-start.
         * - `frontend.workerVersioningWorkflowAPIs`, `frontend.workerVersioningDataAPIs`,
         *   `system.enableDeploymentVersions`: worker versioning and deployments.
         * - `frontend.activityAPIsEnabled`: standalone activity operations (pause, reset, update options).
         * - `component.nexusoperations.recordCancelRequestCompletionEvents`: Nexus cancellation events.
         * - `frontend.enableCancelWorkerPollsOnShutdown`: the server answers the outstanding polls of a worker
         *   that shuts down, so a task handed to one of them at that moment is not stranded until its timeout.
         */
        @JvmField
        public val DEFAULT_DYNAMIC_CONFIG: Map<String, String> = mapOf(
            "system.forceSearchAttributesCacheRefreshOnRead" to "true",
            "system.enableEagerWorkflowStart" to "true",
            "frontend.enableUpdateWorkflowExecution" to "true",
            "frontend.enableUpdateWorkflowExecutionAsyncAccepted" to "true",
            "frontend.enableExecuteMultiOperation" to "true",
            "frontend.workerVersioningWorkflowAPIs" to "true",
            "frontend.workerVersioningDataAPIs" to "true",
            "system.enableDeploymentVersions" to "true",
            "frontend.activityAPIsEnabled" to "true",
            "component.nexusoperations.recordCancelRequestCompletionEvents" to "true",
            "frontend.enableCancelWorkerPollsOnShutdown" to "true",
        )

        /** The default options. */
        @JvmField
        public val DEFAULT: DevServerOptions = Builder(null).build()

        /** A builder starting from the defaults. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(null)
    }
}

/** Builds [DevServerOptions] from the defaults, Kotlin style: `DevServerOptions { namespace("orders") }`. */
public inline fun DevServerOptions(configure: DevServerOptions.Builder.() -> Unit): DevServerOptions =
    DevServerOptions.newBuilder().apply(configure).build()
