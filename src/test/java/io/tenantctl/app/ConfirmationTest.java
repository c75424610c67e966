package io.tenantctl.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfirmationTest {
  @Test
  void onlyAnExplicitYesGoesAhead() {
    var c = Confirmation.answers("y", " YES ", "", "n", "sure");
    assertTrue(c.interactive());
    assertTrue(c.confirm("?"));
    assertTrue(c.confirm("?"));
    assertFalse(c.confirm("?"), "an empty answer (just Enter) is no");
    assertFalse(c.confirm("?"));
    assertFalse(c.confirm("?"), "anything else is no");
    assertFalse(c.confirm("?"), "no answer left is no");
  }

  @Test
  void withoutATerminalNobodyIsAsked() {
    assertFalse(Confirmation.none().interactive());
    assertFalse(Confirmation.none().confirm("?"));
  }
}
