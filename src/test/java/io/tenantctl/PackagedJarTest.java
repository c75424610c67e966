package io.tenantctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The jar as a user runs it: `java -jar target/tenantctl.jar`. Runs in `mvn verify`, after packaging. */
@Tag("packaged")
class PackagedJarTest {

  @Test
  void versionIsTheProjectVersionFromTheJarManifest() throws Exception {
    String jar = System.getProperty("tenantctl.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", jar, "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    assertEquals("tenantctl " + System.getProperty("tenantctl.version"), out.strip());
  }
}
