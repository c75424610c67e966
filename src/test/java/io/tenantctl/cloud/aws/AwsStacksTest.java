package io.tenantctl.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AwsStacksTest {
  @Test
  void bothOfCloudFormationsNothingToUpdateFormsAreRecognised() {
    // a change set that FAILED for having no changes, and the ValidationError some endpoints throw instead
    assertTrue(AwsStacks.isNoChanges("The submitted information didn't contain changes. Submit different"
        + " information to create a change set."));
    assertTrue(AwsStacks.isNoChanges("No updates are to be performed. (ValidationError)"));
    assertFalse(AwsStacks.isNoChanges("Template format error: Unresolved resource dependencies [Foo]"));
  }
}
