package io.tenantctl.state.dynamodb;

import io.tenantctl.cloud.aws.AwsCloud;
import io.tenantctl.cloud.aws.AwsSettings;
import io.tenantctl.state.StateScope;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.StateStoreContract;
import io.tenantctl.testing.EmulatorTest;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The state port's contract on DynamoDB (moto, through the real SDK over HTTP): each store opened anew. */
@EmulatorTest
class DynamoStateStoreContractEmulatorTest extends StateStoreContract {
  private AwsCloud cloud;
  private DynamoStateStores stores;

  @BeforeEach
  void table(URI aws) {
    cloud = new AwsCloud(AwsSettings.of("us-east-1", Optional.empty(), Optional.of(aws)));
    var client = cloud.dynamoDb("us-east-1");
    new StateTable(client, "tenantctl-state").create(false);
    stores = new DynamoStateStores(client, "tenantctl-state");
  }

  @AfterEach
  void close() {
    cloud.close();
  }

  @Override
  protected StateStore open(StateScope scope) {
    return stores.open(scope);
  }
}
