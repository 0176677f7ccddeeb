package dev.temporalkt.java.client;

import com.fasterxml.jackson.annotation.JsonValue;

/** A Java enum whose JSON form Jackson takes from {@link JsonValue}. */
public enum Carrier {
  POST("post"),
  COURIER("courier");

  private final String code;

  Carrier(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }
}
