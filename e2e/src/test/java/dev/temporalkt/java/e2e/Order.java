package dev.temporalkt.java.e2e;

/** An order line, as a Java record: the payload type the Java tests and the Kotlin workflows share. */
public record Order(String sku, int quantity) {}
