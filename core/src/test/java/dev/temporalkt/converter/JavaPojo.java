package dev.temporalkt.converter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A classic Java bean: no-arg constructor, getters and setters. */
public class JavaPojo {
  private String name;
  private List<String> tags;
  private Instant createdAt;

  public JavaPojo() {}

  public JavaPojo(String name, List<String> tags, Instant createdAt) {
    this.name = name;
    this.tags = tags;
    this.createdAt = createdAt;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof JavaPojo)) {
      return false;
    }
    JavaPojo other = (JavaPojo) o;
    return Objects.equals(name, other.name)
        && Objects.equals(tags, other.tags)
        && Objects.equals(createdAt, other.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, tags, createdAt);
  }

  @Override
  public String toString() {
    return "JavaPojo{" + name + ", " + tags + ", " + createdAt + "}";
  }
}
