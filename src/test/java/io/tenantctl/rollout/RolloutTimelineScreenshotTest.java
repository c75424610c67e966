package io.tenantctl.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The picture of a 40-tenant rollout that halted in its second wave and was rolled back, rendered by a real browser
 * (Debian's headless Chromium) to {@code target/rollout-screenshot.png}, for a person to look at. Skipped, saying
 * so, where Chromium is not installed ({@code apt-get install chromium}).
 */
class RolloutTimelineScreenshotTest {

  static Optional<Path> chromium() {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(dir -> List.of("chromium", "chromium-browser", "google-chrome").stream().map(n -> Path.of(dir, n)))
        .filter(Files::isExecutable).findFirst();
  }

  @Test
  void chromiumRendersTheHaltedAndRolledBackRollout() throws Exception {
    Optional<Path> browser = chromium();
    assumeTrue(browser.isPresent(), "no Chromium on the PATH: the rollout picture is not rendered to a PNG"
        + " (apt-get install chromium; the DOM checks of RolloutTimelineTest still run)");
    Path dir = Files.createDirectories(Path.of("target"));
    Path html = dir.resolve("rollout-screenshot.html").toAbsolutePath();
    Path png = dir.resolve("rollout-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(png);
    Files.writeString(html, RolloutTimeline.html(new RolloutTimelineTest().haltedAndRolledBack(40)));

    Path profile = Files.createTempDirectory("chromium");
    Process p = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=1040,1000", "--screenshot=" + png,
        html.toUri().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Chromium did not finish");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 10_000, "a screenshot of " + bytes.length + " bytes");
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
  }
}
