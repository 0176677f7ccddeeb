package dev.temporalkt.envconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration API as Java code sees it. */
class ClientConfigJavaTest {
  private static final String TOML =
      "[profile.default]\n"
          + "address = \"file:7233\"\n"
          + "api_key = \"key\"\n"
          + "[profile.default.tls]\n"
          + "server_ca_cert_data = \"CA\"\n";

  @Test
  void loadsWithEnvironmentMapAndOverridesWithWithers() {
    ClientConfigProfile profile =
        ClientConfigProfile.load(
            null, null, TOML, false, false, false, Map.of("TEMPORAL_NAMESPACE", "env-ns"));
    ClientConfigProfile overridden = profile.withNamespace("code-ns");

    assertEquals("file:7233", overridden.getAddress());
    assertEquals("code-ns", overridden.getNamespace());
    assertTrue(overridden.getTlsEnabled());
    ResolvedTls tls = overridden.resolveTls();
    assertEquals("CA", new String(tls.getServerCaCert(), StandardCharsets.UTF_8));
    assertNull(tls.getClientCert());
  }

  @Test
  void parsesAndBuildsValuesWithOverloads() {
    ClientConfig config = ClientConfig.parse(TOML);
    ClientConfigTls expectedTls = new ClientConfigTls(null, null, null, ConfigSource.data("CA"));

    assertEquals(expectedTls, config.getProfiles().get("default").getTls());
    assertEquals(
        new ClientConfigProfile("a:1"),
        new ClientConfigProfile().mergedWith(new ClientConfigProfile("a:1")));
  }

  @Test
  void reportsErrorsAsClientConfigException() {
    ClientConfigException e =
        assertThrows(ClientConfigException.class, () -> ClientConfig.parse("[profile.x]\naddress = 1"));
    assertTrue(e.getMessage().contains("profile.x.address must be a string, but it is an integer"));
  }
}
