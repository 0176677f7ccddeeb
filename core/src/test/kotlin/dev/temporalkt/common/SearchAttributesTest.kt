package dev.temporalkt.common

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.time.OffsetDateTime
import java.time.ZoneOffset
import dev.temporalkt.api.common.v1.SearchAttributes as SearchAttributesProto

private val CUSTOMER_NOTE = SearchAttributeKey.forText("CustomerNote")
private val CUSTOMER = SearchAttributeKey.forKeyword("CustomerId")
private val AMOUNT = SearchAttributeKey.forLong("OrderAmount")
private val SCORE = SearchAttributeKey.forDouble("RiskScore")
private val RUSH = SearchAttributeKey.forBoolean("Rush")
private val PLACED = SearchAttributeKey.forDatetime("PlacedAt")
private val TAGS = SearchAttributeKey.forKeywordList("Tags")

private fun payload(encoding: String, type: String?, data: String?): Payload = Payload.newBuilder().apply {
    putMetadata("encoding", ByteString.copyFromUtf8(encoding))
    if (type != null) putMetadata("type", ByteString.copyFromUtf8(type))
    if (data != null) setData(ByteString.copyFromUtf8(data))
}.build()

private fun Payload.metadataText(): Map<String, String> = metadataMap.mapValues { it.value.toStringUtf8() }

private fun protoOf(vararg fields: Pair<String, Payload>): SearchAttributesProto =
    SearchAttributesProto.newBuilder().putAllIndexedFields(fields.toMap()).build()

class SearchAttributesTest : FunSpec({
    val placed = OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 0, ZoneOffset.UTC)

    test("each type is encoded as json/plain with its type metadata and exact bytes") {
        val cases = listOf(
            Triple(buildSearchAttributes { this[CUSTOMER_NOTE] = "say \"hi\"" }, "Text", "\"say \\\"hi\\\"\""),
            Triple(buildSearchAttributes { this[CUSTOMER] = "c-42" }, "Keyword", "\"c-42\""),
            Triple(buildSearchAttributes { this[AMOUNT] = 9_223_372_036_854_775_807L }, "Int", "9223372036854775807"),
            Triple(buildSearchAttributes { this[SCORE] = 12.5 }, "Double", "12.5"),
            Triple(buildSearchAttributes { this[RUSH] = true }, "Bool", "true"),
            Triple(buildSearchAttributes { this[PLACED] = placed }, "Datetime", "\"2024-05-01T12:30:00Z\""),
            Triple(
                buildSearchAttributes {
                    this[PLACED] = OffsetDateTime.of(2024, 5, 1, 12, 30, 15, 123_000_000, ZoneOffset.ofHours(2))
                },
                "Datetime",
                "\"2024-05-01T12:30:15.123+02:00\"",
            ),
            Triple(buildSearchAttributes { this[TAGS] = listOf("vip", "eu") }, "KeywordList", "[\"vip\",\"eu\"]"),
        )
        for ((attributes, type, data) in cases) {
            val field = attributes.toProto().indexedFieldsMap.values.single()
            field.metadataText() shouldBe mapOf("encoding" to "json/plain", "type" to type)
            field.data.toStringUtf8() shouldBe data
        }
    }

    test("all types round-trip through the proto") {
        val attributes = buildSearchAttributes {
            this[CUSTOMER_NOTE] = "fragile"
            this[CUSTOMER] = "c-42"
            this[AMOUNT] = 1299L
            this[SCORE] = 0.25
            this[RUSH] = false
            this[PLACED] = placed
            this[TAGS] = listOf("vip")
        }

        val back = SearchAttributes.fromProto(SearchAttributesProto.parseFrom(attributes.toProto().toByteArray()))

        back shouldBe attributes
        back[CUSTOMER_NOTE] shouldBe "fragile"
        back[CUSTOMER] shouldBe "c-42"
        back[AMOUNT] shouldBe 1299L
        back[SCORE] shouldBe 0.25
        back[RUSH] shouldBe false
        back[PLACED] shouldBe placed
        back[TAGS] shouldBe listOf("vip")
        back.size shouldBe 7
    }

    test("values written by other SDKs and older servers are read") {
        val proto = protoOf(
            "PlacedAt" to payload("json/plain", "Datetime", "\"2024-05-01T12:30:00+00:00\""),
            "CustomerId" to payload("json/plain", "Keyword", "[\"c-42\"]"),
            "RiskScore" to payload("json/plain", "Double", "1e+20"),
            "Tags" to payload("json/plain", "KeywordList", "\"solo\""),
        )
        val attributes = SearchAttributes.fromProto(proto)
        attributes[PLACED] shouldBe placed
        attributes[CUSTOMER] shouldBe "c-42"
        attributes[SCORE] shouldBe 1e20
        attributes[TAGS] shouldBe listOf("solo")
    }

    test("unset is a binary/null payload without type metadata, and unset markers are skipped when read") {
        val proto = SearchAttributeUpdate.toProto(listOf(CUSTOMER.valueUnset(), AMOUNT.valueSet(7L)))

        val unset = proto.indexedFieldsMap.getValue("CustomerId")
        unset.metadataText() shouldBe mapOf("encoding" to "binary/null")
        unset.data shouldBe ByteString.EMPTY
        val set = proto.indexedFieldsMap.getValue("OrderAmount")
        set.metadataText() shouldBe mapOf("encoding" to "json/plain", "type" to "Int")
        set.data.toStringUtf8() shouldBe "7"

        val read = SearchAttributes.fromProto(
            protoOf(
                "CustomerId" to unset,
                "Tags" to payload("json/plain", "KeywordList", "[]"),
                "Legacy" to payload("json/plain", null, "\"x\""),
                "Future" to payload("json/plain", "Geo", "\"x\""),
                "OrderAmount" to set,
            ),
        )
        read shouldBe buildSearchAttributes { this[AMOUNT] = 7L }
    }

    test("plus, minus and updates give new collections") {
        val base = buildSearchAttributes { this[CUSTOMER] = "c-1" }
        val more = base + (AMOUNT to 5L)
        more[AMOUNT] shouldBe 5L
        base[AMOUNT].shouldBeNull()
        (more - CUSTOMER)[CUSTOMER].shouldBeNull()
        (AMOUNT in more) shouldBe true
        more.withUpdates(listOf(CUSTOMER.valueUnset(), RUSH.valueSet(true))) shouldBe buildSearchAttributes {
            this[AMOUNT] = 5L
            this[RUSH] = true
        }
        more.keys shouldBe setOf(CUSTOMER, AMOUNT)
    }

    test("bad values and mismatched types give clear errors") {
        shouldThrow<IllegalArgumentException> { buildSearchAttributes { this[SCORE] = Double.NaN } }.message shouldBe
            "Search attribute 'RiskScore' cannot hold NaN: only finite numbers can be stored"
        shouldThrow<IllegalArgumentException> { SearchAttributeKey.forKeyword(" ") }.message shouldBe
            "A search attribute name must not be blank"
        @Suppress("UNCHECKED_CAST")
        val untypedTags = TAGS as SearchAttributeKey<Any>
        shouldThrow<IllegalArgumentException> { buildSearchAttributes { this[untypedTags] = listOf(1, 2) } }.message shouldBe
            "Search attribute 'Tags' is of type KeywordList and cannot hold a value of class " +
            "java.util.Arrays\$ArrayList (a List<String> is required)"

        val attributes = buildSearchAttributes { this[CUSTOMER_NOTE] = "x" }
        shouldThrow<IllegalArgumentException> { attributes[SearchAttributeKey.forKeyword("CustomerNote")] }.message shouldBe
            "Search attribute 'CustomerNote' is of type Text, not Keyword; read it with a Text key"

        shouldThrow<IllegalArgumentException> {
            SearchAttributes.fromProto(protoOf("OrderAmount" to payload("json/plain", "Int", "\"abc\"")))
        }.message shouldBe "Search attribute 'OrderAmount' of type Int holds an invalid value: \"abc\""
        shouldThrow<IllegalArgumentException> {
            SearchAttributes.fromProto(protoOf("PlacedAt" to payload("json/plain", "Datetime", "\"yesterday\"")))
        }.message shouldBe
            "Search attribute 'PlacedAt' of type Datetime holds an invalid value: \"yesterday\" (not an ISO-8601 timestamp with offset)"
        shouldThrow<IllegalArgumentException> {
            SearchAttributes.fromProto(protoOf("CustomerId" to payload("binary/plain", "Keyword", "c-42")))
        }.message shouldBe "Search attribute 'CustomerId' has payload encoding 'binary/plain'; search attributes must be json/plain"
    }
})
