package dev.temporalkt.testing

import dev.temporalkt.api.enums.v1.IndexedValueType
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Paths
import kotlin.time.Duration.Companion.seconds

class DevServerOptionsSpec : FunSpec({
    test("dev server options: defaults register the custom search attributes and feature flags") {
        val options = DevServerOptions.DEFAULT
        options.executable shouldBe null
        options.namespace shouldBe "default"
        options.databaseFile shouldBe null
        options.port shouldBe null
        options.logLevel shouldBe "warn"
        options.startTimeout shouldBe 60.seconds
        options.searchAttributes shouldBe DevServerOptions.DEFAULT_SEARCH_ATTRIBUTES
        options.dynamicConfig shouldBe DevServerOptions.DEFAULT_DYNAMIC_CONFIG
        options.extraArgs shouldBe emptyList()
    }

    test("dev server options: the command line carries every option") {
        val options = DevServerOptions {
            namespace("orders")
            databaseFile(Paths.get("/tmp/orders.db"))
            logLevel("error")
            clearSearchAttributes()
            searchAttribute("OrderStatus", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            searchAttribute("Tags", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST)
            clearDynamicConfig()
            dynamicConfig("limit.historyCount.suggestContinueAsNew", "50")
            dynamicConfig("frontend.namespaceRPS", "\"x\"")
            extraArgs("--sqlite-pragma", "journal_mode=wal")
        }
        DevServer.command(Paths.get("/opt/temporal"), options, port = 1001, httpPort = 1002, metricsPort = 1003) shouldBe
            listOf(
                "/opt/temporal", "server", "start-dev", "--headless",
                "--ip", "127.0.0.1", "--port", "1001", "--http-port", "1002", "--metrics-port", "1003",
                "--log-level", "error", "--namespace", "orders", "--db-filename", "/tmp/orders.db",
                "--search-attribute", "OrderStatus=Keyword", "--search-attribute", "Tags=KeywordList",
                "--dynamic-config-value", "limit.historyCount.suggestContinueAsNew=50",
                "--dynamic-config-value", "frontend.namespaceRPS=\"x\"",
                "--sqlite-pragma", "journal_mode=wal",
            )
    }

    test("dev server options: toBuilder copies and the copy is independent") {
        val base = DevServerOptions { namespace("a") }
        val changed = base.toBuilder().namespace("b").startTimeout(java.time.Duration.ofSeconds(5)).build()
        base.namespace shouldBe "a"
        changed.namespace shouldBe "b"
        changed.startTimeout shouldBe 5.seconds
        changed.searchAttributes shouldBe base.searchAttributes
    }

    test("dev server options: invalid input is rejected with what is wrong") {
        shouldThrow<IllegalArgumentException> { DevServerOptions { port(70000) } }.message shouldBe
            "port must be between 1 and 65535, or null for a free one, was 70000"
        DevServerOptions { port(7233) }.toBuilder().build().port shouldBe 7233
        shouldThrow<IllegalArgumentException> { DevServerOptions { dynamicConfig("system.flag", "yes please") } }
            .message shouldBe
            "dynamic config value for 'system.flag' must be JSON (strings need quotes, e.g. \"\\\"text\\\"\"), was: yes please"
        shouldThrow<IllegalArgumentException> { DevServerOptions { dynamicConfig("system..flag", "true") } }
            .message shouldBe
            "dynamic config key must be dot-separated identifiers like 'system.enableEagerWorkflowStart', was 'system..flag'"
        shouldThrow<IllegalArgumentException> {
            DevServerOptions { searchAttribute("1st", IndexedValueType.INDEXED_VALUE_TYPE_INT) }
        }.message shouldBe
            "search attribute name must be an identifier (letters, digits, '_', not starting with a digit), was '1st'"
        shouldThrow<IllegalArgumentException> {
            DevServerOptions { searchAttribute("Status", IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED) }
        }.message shouldBe
            "search attribute 'Status' needs a concrete type (one of [INDEXED_VALUE_TYPE_TEXT, INDEXED_VALUE_TYPE_KEYWORD, " +
            "INDEXED_VALUE_TYPE_INT, INDEXED_VALUE_TYPE_DOUBLE, INDEXED_VALUE_TYPE_BOOL, INDEXED_VALUE_TYPE_DATETIME, " +
            "INDEXED_VALUE_TYPE_KEYWORD_LIST]), was INDEXED_VALUE_TYPE_UNSPECIFIED"
        shouldThrow<IllegalArgumentException> { DevServerOptions { logLevel("verbose") } }
            .message shouldBe "logLevel must be one of [debug, info, warn, error], was 'verbose'"
        shouldThrow<IllegalArgumentException> { DevServerOptions { namespace(" ") } }
            .message shouldBe "namespace must not be blank"
        shouldThrow<IllegalArgumentException> { DevServerOptions { startTimeout(0.seconds) } }
            .message shouldBe "startTimeout must be positive, was 0s"
    }
})
