package dev.temporalkt.converter;

import java.time.LocalDate;

/** A Java record, serialized by Jackson through its canonical constructor. */
public record JavaRecord(String id, int count, LocalDate day) {}
