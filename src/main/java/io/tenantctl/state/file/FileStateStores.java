package io.tenantctl.state.file;

import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.StateStores;
import java.nio.file.Path;

/** State on local files: {@code <state dir>/state/<organization>@<endpoint>/…}, one directory per scope. */
public final class FileStateStores implements StateStores {
  private final Path stateDir;

  public FileStateStores(Path stateDir) {
    this.stateDir = stateDir;
  }

  @Override
  public StateStore open(StateScope scope) {
    return new FileStateStore(stateDir.resolve("state").resolve(scope.key()), scope);
  }
}
