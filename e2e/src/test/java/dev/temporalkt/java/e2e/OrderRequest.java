package dev.temporalkt.java.e2e;

import java.util.List;

/** The argument of the order workflow: a record holding a generic list of records. */
public record OrderRequest(String customer, List<Order> items) {}
