package io.tenantctl.isolation;

import static io.tenantctl.isolation.Templates.ACME_TARGET;
import static io.tenantctl.isolation.Templates.FILE;
import static io.tenantctl.isolation.Templates.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.isolation.Breach.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exceptions to the one-way rule, written next to the resource with a reason. */
class RecordedExceptionTest {

  private final TemplateGuard guard = new TemplateGuard(Fixtures.context());

  private static String website(String principal, String exception) {
    return """
        Resources:
          Site:
            Type: AWS::S3::Bucket
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            Metadata:
              tenantctl:
                exceptions:
        %s
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: %s
                    Action: s3:GetObject
                    Resource: !Sub "${Site.Arn}/*"
        """.formatted(exception, principal);
  }

  private TemplateGuard.Verdict judge(String template) {
    return guard.judge(FILE, template, Map.of(), ACME_TARGET);
  }

  @Test
  void acceptsAPublicWebsiteBucketWhoseExceptionIsRecordedWithAReason() {
    TemplateGuard.Verdict verdict = judge(website("\"*\"",
        "              - {principal: \"*\", reason: \"the public website; read-only\"}"));

    assertEquals(List.of(), verdict.breaches());
    assertEquals(1, verdict.accepted().size());
    TemplateGuard.Accepted accepted = verdict.accepted().get(0);
    assertEquals("the public website; read-only", accepted.exception().reason());
    assertTrue(accepted.message().endsWith("admits any principal (accepted exception: the public website; read-only)"),
        accepted::message);
  }

  @Test
  void anExceptionForStarCoversAwsStarToo() {
    TemplateGuard.Verdict verdict = judge(website("{AWS: \"*\"}",
        "              - {principal: \"*\", reason: \"the public website\"}"));

    assertEquals(List.of(), verdict.breaches());
    assertEquals(1, verdict.accepted().size());
  }

  @Test
  void refusesAnExceptionWithoutAReason() {
    TemplateGuard.Verdict verdict = judge(website("\"*\"", "              - {principal: \"*\"}"));

    assertEquals(2, verdict.breaches().size(), verdict::toString);
    assertTrue(verdict.breaches().get(0).reason().startsWith("invalid exception on record: SitePolicy:"));
    assertEquals(List.of(), verdict.accepted());
  }

  @Test
  void neverAcceptsProductionOrAnotherTenant() {
    for (String principal : List.of("arn:aws:iam::222222222222:root", "arn:aws:iam::444444444444:role/app")) {
      TemplateGuard.Verdict verdict = judge(website("{AWS: \"" + principal + "\"}",
          "              - {principal: \"" + principal + "\", reason: we need it}"));

      Breach breach = single(verdict.breaches());
      assertEquals(Kind.BREACH, breach.kind());
      assertTrue(breach.reason().contains("the exception on record cannot accept this"), breach::toString);
      assertEquals(List.of(), verdict.accepted());
    }
  }

  @Test
  void neverAcceptsARefusalToGuess() {
    TemplateGuard.Verdict verdict = judge(website("{AWS: !ImportValue shared-Reader}",
        "              - {principal: \"(Fn::ImportValue)\", reason: trusted}"));

    assertEquals(Kind.REFUSAL, single(verdict.breaches()).kind());
  }

  @Test
  void acceptsOnlyOnTheResourceItIsWrittenOn() {
    String template = website("\"*\"", "              - {principal: \"*\", reason: website}") + """
          Other:
            Type: AWS::SQS::QueuePolicy
            Properties:
              Queues: [q]
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: "*", Action: sqs:SendMessage, Resource: "*"}
        """;

    TemplateGuard.Verdict verdict = judge(template);

    assertEquals("Other", single(verdict.breaches()).where().resourceName());
    assertEquals(1, verdict.accepted().size());
  }

  @Test
  void acceptsAPublicBucketAclByItsPropertyName() {
    String template = """
        Resources:
          Site:
            Type: AWS::S3::Bucket
            Metadata:
              tenantctl:
                exceptions: [{principal: AccessControl, reason: legacy public downloads}]
            Properties: {AccessControl: PublicRead}
        """;

    assertEquals(List.of(), judge(template).breaches());
  }

  @Test
  void listsTheExceptionsATemplateRecords(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, website("\"*\"", "              - {principal: \"*\", reason: website}"));

    assertEquals(List.of("SitePolicy, principal *: website"),
        RecordedException.in(file).stream().map(RecordedException::line).toList());
  }

  @Test
  void aBreachSaysWhichRuleAndHowToFixOrRecordAnException() {
    Breach open = single(guard.check(FILE, website("\"*\"", "              []"), Map.of(), ACME_TARGET));
    Breach production = single(guard.check(FILE, website("{AWS: \"arn:aws:iam::222222222222:root\"}", "              []"),
        Map.of(), ACME_TARGET));

    assertTrue(open.explanation().startsWith("rule: no one outside the organization is admitted; fix: "));
    assertTrue(open.explanation().contains("record an exception in the resource's Metadata"));
    assertTrue(production.explanation().contains("no exception can admit production or another tenant"));
  }
}
