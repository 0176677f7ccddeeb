package dev.temporalkt.converter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.temporalkt.api.common.v1.Payload;
import dev.temporalkt.api.common.v1.Payloads;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Java callers convert POJOs, records and generic types with java.lang.reflect.Type. */
class JavaTypesTest {
  private final DefaultPayloadConverter converter = new DefaultPayloadConverter();

  private static String data(Payload payload) {
    return payload.getData().toString(StandardCharsets.UTF_8);
  }

  private static String encoding(Payload payload) {
    return payload.getMetadataMap().get("encoding").toString(StandardCharsets.UTF_8);
  }

  @Test
  void pojoRoundTrip() {
    JavaPojo pojo = new JavaPojo("a", List.of("x", "y"), Instant.parse("2024-01-02T03:04:05Z"));
    Payload payload = converter.toPayload(pojo, JavaPojo.class);
    assertEquals("json/plain", encoding(payload));
    assertEquals("{\"name\":\"a\",\"tags\":[\"x\",\"y\"],\"createdAt\":\"2024-01-02T03:04:05Z\"}", data(payload));
    assertEquals(pojo, converter.fromPayload(payload, JavaPojo.class));
  }

  @Test
  void recordRoundTrip() {
    JavaRecord record = new JavaRecord("r-1", 3, LocalDate.of(2024, 1, 2));
    Payload payload = converter.toPayload(record, JavaRecord.class);
    assertEquals("{\"id\":\"r-1\",\"count\":3,\"day\":\"2024-01-02\"}", data(payload));
    assertEquals(record, converter.fromPayload(payload, JavaRecord.class));
  }

  @Test
  void genericListsAndMapsKeepElementTypes() {
    Type listType = new TypeReference<List<JavaRecord>>() {}.getType();
    List<JavaRecord> records =
        List.of(new JavaRecord("a", 1, LocalDate.of(2024, 1, 2)), new JavaRecord("b", 2, LocalDate.of(2024, 3, 4)));
    Object decoded = converter.fromPayload(converter.toPayload(records, listType), listType);
    assertEquals(records, decoded);
    ((List<?>) decoded).forEach(element -> assertInstanceOf(JavaRecord.class, element));

    Type mapType = new TypeReference<Map<String, List<JavaPojo>>>() {}.getType();
    Map<String, List<JavaPojo>> byKey = Map.of("k", List.of(new JavaPojo("p", List.of(), Instant.EPOCH)));
    Object decodedMap = converter.fromPayload(converter.toPayload(byKey, mapType), mapType);
    assertEquals(byKey, decodedMap);
    assertInstanceOf(JavaPojo.class, ((List<?>) ((Map<?, ?>) decodedMap).get("k")).get(0));
  }

  @Test
  void kotlinSerializableClassesFromJava() {
    Type listType = new TypeReference<List<Order>>() {}.getType();
    List<Order> orders = List.of(new Order("a", 2));
    Payload payload = converter.toPayload(orders, listType);
    assertEquals("[{\"name\":\"a\",\"qty\":2}]", data(payload));
    assertEquals(orders, converter.fromPayload(payload, listType));
    // kotlinx output read by Jackson into a class of the same shape
    Payload shaped = converter.toPayload(new Order("r", 7), Order.class);
    assertEquals(new PlainOrder("r", 7), converter.fromPayload(shaped, PlainOrder.class));
  }

  @Test
  void nullsAndPrimitives() {
    Payload nullPayload = converter.toPayload(null, JavaPojo.class);
    assertEquals("binary/null", encoding(nullPayload));
    assertEquals(null, converter.fromPayload(nullPayload, JavaPojo.class));
    assertEquals(null, converter.fromPayload(nullPayload, Void.class));
    PayloadConversionException e =
        assertThrows(PayloadConversionException.class, () -> converter.fromPayload(nullPayload, int.class));
    assertTrue(e.getMessage().contains("'int'"), e.getMessage());
    assertEquals(42, converter.fromPayload(converter.toPayload(42, int.class), int.class));
  }

  @Test
  void severalArgumentsWithJavaTypes() {
    List<Type> types = List.of(String.class, JavaRecord.class, new TypeReference<List<Integer>>() {}.getType());
    List<Object> values = List.of("id", new JavaRecord("x", 1, LocalDate.of(2024, 1, 1)), List.of(1, 2));
    Payloads payloads = PayloadsConversion.toPayloadsWithJavaTypes(converter, values, types);
    assertEquals(3, payloads.getPayloadsCount());
    assertEquals(values, PayloadsConversion.fromPayloadsWithJavaTypes(converter, payloads, types));

    PayloadConversionException e =
        assertThrows(
            PayloadConversionException.class,
            () -> PayloadsConversion.fromPayloadsWithJavaTypes(converter, payloads, List.of(String.class, String.class, String.class, String.class)));
    assertTrue(e.getMessage().contains("expected 4 payloads but got 3"), e.getMessage());
  }

  @Test
  void wrongShapeNamesTheJavaType() {
    Payload payload = converter.toPayload(List.of(1, 2), new TypeReference<List<Integer>>() {}.getType());
    PayloadConversionException e =
        assertThrows(PayloadConversionException.class, () -> converter.fromPayload(payload, JavaRecord.class));
    assertEquals(PayloadConversionException.Direction.DECODE, e.getDirection());
    assertEquals("json/plain", e.getEncoding());
    assertEquals("dev.temporalkt.converter.JavaRecord", e.getTypeName());
    assertTrue(e.getReason().startsWith("JSON does not match the type: "), e.getReason());
  }
}
