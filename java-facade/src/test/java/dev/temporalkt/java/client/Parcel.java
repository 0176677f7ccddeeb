package dev.temporalkt.java.client;

/** A nested record. */
public record Parcel(String sku, int quantity) {}
