package dev.temporalkt.java.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A Java record with java.time, Optional and a generic list, as Java teams write payloads. */
public record Shipment(String id, List<Parcel> parcels, Instant shippedAt, Optional<String> note, Carrier carrier) {}
