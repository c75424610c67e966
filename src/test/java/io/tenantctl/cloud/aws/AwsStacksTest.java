package io.tenantctl.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void aRequestTokenIsTheSameForARetryAndNewForTheNextOperation() {
    var before = java.util.Set.of("e1", "e2");
    String token = AwsStacks.requestToken("execute", "tenantctl-0123456789abcdef", before);
    assertTrue(token.matches("[a-zA-Z0-9][-a-zA-Z0-9]*") && token.length() <= 128, token);
    assertTrue(token.equals(AwsStacks.requestToken("execute", "tenantctl-0123456789abcdef", java.util.Set.of("e2", "e1"))));
    assertFalse(token.equals(AwsStacks.requestToken("execute", "tenantctl-0123456789abcdef", java.util.Set.of("e1", "e2", "e3"))),
        "the stack moved on: a new operation");
  }

  @Test
  void unknownAnswersMapToTheCarefulValue() {
    assertEquals(io.tenantctl.cloud.Stacks.StackStatus.UNKNOWN, io.tenantctl.cloud.Stacks.StackStatus.of("SOMETHING_NEW"));
    assertEquals(io.tenantctl.cloud.Stacks.Replacement.CONDITIONAL, AwsStacks.replacement("Maybe"));
    assertEquals(io.tenantctl.cloud.Stacks.Replacement.NEVER, AwsStacks.replacement("False"));
    assertEquals(io.tenantctl.cloud.Stacks.ChangeAction.ADD, AwsStacks.action("Add"));
  }
}
