package io.tenantctl.testing;

import io.tenantctl.emulator.LocalEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one emulator for the whole test run (stopped when the run ends) and resets its state before
 * each test, so every test starts from an empty AWS.
 */
public final class EmulatorExtension implements BeforeEachCallback, ParameterResolver {

  /** The running emulator, closed by JUnit at the end of the run. */
  private record Running(LocalEmulator emulator, URI endpoint) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      emulator.stop();
    }
  }

  private static Running running(ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Running.class, k -> {
      Path home = Optional.ofNullable(System.getenv("TENANTCTL_EMULATOR_HOME")).map(Path::of)
          .orElse(Path.of("target", "emulator"));
      Path venv = Optional.ofNullable(System.getenv("TENANTCTL_EMULATOR_VENV")).map(Path::of)
          .orElse(home.resolve("venv"));
      var emulator = new LocalEmulator(home, venv);
      URI endpoint = emulator.ensureRunning(e -> System.err.println("[emulator] " + e));
      return new Running(emulator, endpoint);
    }, Running.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Running r = running(context);
    r.emulator().reset(r.endpoint());
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == URI.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return running(e).endpoint();
  }

}
