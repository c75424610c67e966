package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Policies the service did not return are one line that explains them, by kind; listed with --verbose. */
class AuditNotJudgedTest {
  private static final List<String> UNREAD = List.of(
      "account 051354239605, AWS::KMS::Key 9587599c-ae22-4740-82ff-b169434d8bb2",
      "account 579753637417, AWS::KMS::Key 83bce8a7-c085-4427-b47f-92066bfc613a",
      "account 579753637417, AWS::S3::Bucket tenantctl-initech-data");

  @Test
  void manyAreOneLineThatSaysWhatItMeansAndHowToListThem() {
    assertEquals(List.of("not judged: 3 policies the service did not return (2 AWS::KMS::Key, 1 AWS::S3::Bucket):"
        + " nothing is said about them, either way (a resource with no policy of its own, or an emulator that keeps"
        + " none); `tenantctl audit --verbose` lists them"), AuditCommand.notJudged(UNREAD, false));
  }

  @Test
  void withVerboseEachIsListedUnderIt() {
    var lines = AuditCommand.notJudged(UNREAD, true);
    assertEquals(4, lines.size(), lines::toString);
    assertEquals("  account 051354239605, AWS::KMS::Key 9587599c-ae22-4740-82ff-b169434d8bb2", lines.get(1));
  }

  @Test
  void noneIsNoLine() {
    assertEquals(List.of(), AuditCommand.notJudged(List.of(), false));
    assertEquals("not judged: 1 policy the service did not return (1 AWS::KMS::Key): nothing is said about it,"
        + " either way (a resource with no policy of its own, or an emulator that keeps none); `tenantctl audit"
        + " --verbose` lists them", AuditCommand.notJudged(UNREAD.subList(0, 1), false).get(0));
  }
}
