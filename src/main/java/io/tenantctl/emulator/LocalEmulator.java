package io.tenantctl.emulator;

import io.tenantctl.core.Fault;
import io.tenantctl.core.Polling;
import io.tenantctl.core.Progress;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A local AWS emulator (moto in server mode) for trying tenantctl and for its tests: installed from
 * PyPI into a virtual environment under {@code home}, started on a free loopback port, and left
 * running until {@link #stop}. Its endpoint is kept in {@code home/endpoint} so later runs reuse it.
 */
public final class LocalEmulator {
  /** The moto release the project is tested against (DESIGN §5). */
  public static final String MOTO = "moto[server]==5.2.5";

  /** moto answers within a few seconds; a minute covers a slow first start. */
  private static final Polling STARTUP = new Polling(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(60));

  private final Path home;
  private final Path venv;

  public LocalEmulator(Path home) {
    this(home, home.resolve("venv"));
  }

  /**
   * @param venv where moto is installed; one virtual environment can serve several homes (the emulator
   *             {@code --local} runs and the one {@code bin/test} runs), so it is installed once
   */
  public LocalEmulator(Path home, Path venv) {
    this.home = home.toAbsolutePath();
    this.venv = venv.toAbsolutePath();
  }

  public Path home() {
    return home;
  }

  public Path venv() {
    return venv;
  }

  /**
   * The running emulator's endpoint, if one answers. One started otherwise than {@link #SERVE} says (by an older
   * tenantctl: stock moto, DynamoDB not serialised) is stopped, so that a new one is started.
   */
  public Optional<URI> running() {
    Path file = home.resolve("endpoint");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(Files.readString(file).trim());
      if (!answers(uri)) {
        return Optional.empty();
      }
      Path serve = home.resolve("serve.py");
      if (!Files.exists(serve) || !Files.readString(serve).equals(SERVE)) {
        stop();
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The endpoint of the running emulator, installing and starting it first when needed. */
  public URI ensureRunning(Progress progress) {
    return running().orElseGet(() -> start(progress));
  }

  /**
   * moto's server with DynamoDB requests served one at a time. Stock moto serves requests on threads with no lock
   * around its DynamoDB backend: two conditional updates of one item can both pass, and a failing transaction
   * restores whole tables, erasing other requests' writes. The state backend relies on conditional writes (and
   * {@code tenantctl state check} proves them), so they are serialised here; the other services stay concurrent.
   */
  static final String SERVE = """
      # moto's server, DynamoDB requests one at a time: stock moto does not run them atomically (two conditional
      # updates can both pass; a failing transaction restores whole tables). Written by tenantctl's LocalEmulator.
      import sys
      import threading
      import moto.server

      _dynamodb = threading.Lock()


      class _OneDynamoDbRequestAtATime(moto.server.DomainDispatcherApplication):
          def __call__(self, environ, start_response):
              if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
                  with _dynamodb:
                      # the whole answer is made under the lock
                      return list(super().__call__(environ, start_response))
              return super().__call__(environ, start_response)


      moto.server.DomainDispatcherApplication = _OneDynamoDbRequestAtATime
      sys.exit(moto.server.main(sys.argv[1:]))
      """;

  public URI start(Progress progress) {
    install(progress);
    int port = freePort();
    URI uri = URI.create("http://127.0.0.1:" + port);
    try {
      Files.createDirectories(home);
      Path serve = home.resolve("serve.py");
      Files.writeString(serve, SERVE);
      var process = new ProcessBuilder(venv.resolve("bin/python").toString(), serve.toString(), "-H", "127.0.0.1",
          "-p", String.valueOf(port))
          .redirectErrorStream(true)
          .redirectOutput(home.resolve("emulator.log").toFile())
          .start();
      boolean started;
      try {
        STARTUP.until(Boolean.class, () -> answers(uri) || !process.isAlive(), settled -> settled, e -> false);
        started = process.isAlive();
      } catch (Fault timedOut) {
        started = false;
      }
      if (!started) {
        process.destroy();
        throw Fault.failed("the local emulator did not start", "see " + home.resolve("emulator.log"));
      }
      Files.writeString(home.resolve("pid"), String.valueOf(process.pid()));
      Files.writeString(home.resolve("endpoint"), uri.toString());
      progress.step("emulator", "started moto on " + uri);
      return uri;
    } catch (IOException e) {
      throw Fault.failed("cannot start the local emulator: " + e.getMessage(), "see " + home.resolve("emulator.log"));
    }
  }

  /** Stops the emulator this home started; true if one was running. */
  public boolean stop() {
    Path pid = home.resolve("pid");
    boolean stopped = false;
    try {
      if (Files.exists(pid)) {
        long id = Long.parseLong(Files.readString(pid).trim());
        stopped = ProcessHandle.of(id).map(p -> {
          p.destroy();
          try {
            p.onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(10), java.util.concurrent.TimeUnit.MILLISECONDS);
          } catch (Exception e) {
            p.destroyForcibly();
          }
          return true;
        }).orElse(false);
        Files.deleteIfExists(pid);
      }
      Files.deleteIfExists(home.resolve("endpoint"));
    } catch (IOException | NumberFormatException e) {
      throw Fault.failed("cannot stop the local emulator: " + e.getMessage(), "stop the moto_server process by hand");
    }
    return stopped;
  }

  /** Clears the emulator's state (accounts, stacks, everything). */
  public void reset(URI endpoint) {
    try {
      var c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setConnectTimeout(2000);
      if (c.getResponseCode() != 200) {
        throw new IOException("HTTP " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw Fault.failed("cannot reset the emulator at " + endpoint + ": " + e.getMessage(), null);
    }
  }

  private Path install(Progress progress) {
    Path motoServer = venv.resolve("bin/moto_server");
    if (Files.isExecutable(motoServer)) {
      return motoServer;
    }
    progress.step("emulator", "installing " + MOTO + " into " + venv + " (first time only, about a minute)");
    run(List.of(python(), "-m", "venv", venv.toString()));
    run(List.of(venv.resolve("bin/pip").toString(), "install", "--quiet", "--disable-pip-version-check", MOTO));
    if (!Files.isExecutable(motoServer)) {
      throw Fault.failed("installing the local emulator did not produce " + motoServer, "see " + home.resolve("install.log"));
    }
    return motoServer;
  }

  private void run(List<String> command) {
    try {
      Files.createDirectories(home);
      Path log = home.resolve("install.log");
      int rc = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor();
      if (rc != 0) {
        throw Fault.failed("`" + String.join(" ", command) + "` failed (exit " + rc + ")",
            "see " + log + "; the emulator needs Python 3 with venv and access to PyPI");
      }
    } catch (IOException e) {
      throw Fault.failed("cannot run " + command.get(0) + ": " + e.getMessage(), "install Python 3 (python3 on PATH)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Fault.failed("interrupted while installing the local emulator", null);
    }
  }

  private static String python() {
    return Optional.ofNullable(System.getenv("TENANTCTL_PYTHON")).orElse("python3");
  }

  private static boolean answers(URI uri) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw Fault.failed("no free loopback port for the emulator: " + e.getMessage(), null);
    }
  }
}
