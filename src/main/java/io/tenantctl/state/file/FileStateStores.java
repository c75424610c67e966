package io.tenantctl.state.file;

import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.StateStores;
import io.tenantctl.core.ExitCode;
import io.tenantctl.core.Fault;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** State on local files: {@code <state dir>/state/<organization>@<endpoint>/…}, one directory per scope. */
public final class FileStateStores implements StateStores {
  private final Path stateDir;

  public FileStateStores(Path stateDir) {
    this.stateDir = stateDir;
  }

  @Override
  public StateStore open(StateScope scope) {
    Path root = stateDir.resolve("state").resolve(scope.key());
    writable(root);
    return new FileStateStore(root, scope);
  }

  /** Refuses, before anything is changed in AWS, a state directory this run cannot write (exit 1, with a fix). */
  private void writable(Path root) {
    String problem;
    try {
      Files.createDirectories(root);
      Path probe = Files.createTempFile(root, ".probe", ".tmp");
      Files.delete(probe);
      return;
    } catch (FileAlreadyExistsException e) {
      problem = e.getFile() + " exists and is not a directory";
    } catch (AccessDeniedException e) {
      problem = "permission denied on " + e.getFile();
    } catch (IOException e) {
      problem = e.getClass().getSimpleName() + " " + e.getMessage();
    }
    throw new Fault(ExitCode.FAILED, "cannot write the state directory " + stateDir + ": " + problem,
        "make " + stateDir + " a directory this user can write, or set state.dir in the fleet file to one; journals"
            + " and locks live there");
  }
}
