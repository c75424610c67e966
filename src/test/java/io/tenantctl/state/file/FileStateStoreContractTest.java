package io.tenantctl.state.file;

import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.StateStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The state port's contract on local files: each store a separate open of one state directory. */
class FileStateStoreContractTest extends StateStoreContract {
  @TempDir Path dir;

  @Override
  protected StateStore open(StateScope scope) {
    return new FileStateStores(dir).open(scope);
  }
}
