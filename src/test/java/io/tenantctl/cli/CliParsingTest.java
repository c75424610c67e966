package io.tenantctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command's parsing and error messages, through run(out, err, args), with no cloud reachable. */
class CliParsingTest {
  @TempDir Path repo;
  Cli cli;

  @BeforeEach
  void samples() {
    cli = Cli.onSamples(repo).forbidCloud();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "notaurl | --endpoint-url notaurl has no scheme",
      "ftp://x | --endpoint-url ftp://x uses ftp:",
      "http:// | --endpoint-url http:// is not a URL",
      "http:/nohost | --endpoint-url http:/nohost has no host"})
  void aBadEndpointUrlIsAUsageErrorWithItsFixAndNoAwsCall(String url, String message) {
    var r = cli.run("--endpoint-url", url, "status");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("error: " + message), r::toString);
    assertTrue(r.err().contains("fix: give an http(s) URL with a host"), r::toString);
    assertEquals(0, cli.cloudsRequested());
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    var r = cli.runRaw("--help");
    assertEquals(0, r.exitCode(), r::toString);
    for (String command : new String[] {"validate", "bootstrap", "create", "status", "up", "emulator"}) {
      assertTrue(r.out().contains(command), command + " missing from help:\n" + r.out());
    }
    assertTrue(r.out().contains("Exit codes:"), r::toString);
    assertTrue(r.out().contains("3  an isolation violation"), r::toString);
    assertTrue(r.out().contains("--endpoint-url"), r::toString);
  }

  @Test
  void aNestedSubcommandsHelpListsTheExitCodesNotARawFormat() {
    // its footer was the root's "%s" placeholder: picocli printed a warning and the raw "%s"
    var r = cli.runRaw("rollout", "start", "--help");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("3  an isolation violation"), r::toString);
    assertFalse(r.out().contains("%s") || r.err().contains("Could not format"), r::toString);
  }

  @Test
  void subcommandHelpShowsItsOwnOptionsThenNamesTheGlobalOnesThenExamples() {
    var r = cli.runRaw("create", "--help");
    assertEquals(0, r.exitCode(), r::toString);
    String out = r.out();
    assertTrue(out.startsWith("Usage: tenantctl create [OPTIONS]"), out);
    assertTrue(out.contains("--all") && out.contains("Exit codes:"), out);
    // the global options are named once, not described before the command's own
    assertFalse(out.contains("--profile=NAME"), out);
    assertTrue(out.contains("Global options (see `tenantctl --help`)"), out);
    assertTrue(out.indexOf("--all") < out.indexOf("Global options") && out.indexOf("Global options")
        < out.indexOf("Examples:") && out.indexOf("Examples:") < out.indexOf("Exit codes:"), out);
    assertTrue(out.contains("  tenantctl --profile mgmt create acme"), out);
  }

  @Test
  void everySubcommandHasExamples() {
    for (String command : new String[] {"validate", "bootstrap", "create", "deploy", "diff", "status", "audit", "up",
        "emulator", "completion"}) {
      var r = cli.runRaw(command, "--help");
      assertEquals(0, r.exitCode(), r::toString);
      assertTrue(r.out().contains("Examples:\n  "), command + ":\n" + r.out());
    }
  }

  @Test
  void completionPrintsAScriptThatKnowsTheCommands() {
    for (String shell : new String[] {"bash", "zsh"}) {
      var r = cli.runRaw("completion", shell);
      assertEquals(0, r.exitCode(), r::toString);
      assertTrue(r.out().contains("complete -F _complete_tenantctl") || r.out().contains("_complete_tenantctl"),
          r.out());
      assertTrue(r.out().contains("deploy") && r.out().contains("--endpoint-url") && r.out().contains("--stack"),
          shell);
    }
    assertEquals(2, cli.runRaw("completion", "fish").exitCode());
  }

  @Test
  void versionPrintsTheToolName() {
    var r = cli.runRaw("--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("tenantctl "), r::toString);
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    var r = cli.runRaw("crate", "acme");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Unmatched argument") || r.err().contains("Unknown"), r::toString);
    assertTrue(r.err().contains("create"), "suggests the close command: " + r.err());
    assertTrue(r.err().contains("Run 'tenantctl --help'"), r::toString);
  }

  @Test
  void unknownOptionIsAUsageError() {
    var r = cli.run("create", "acme", "--bogus");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("Unknown option: '--bogus'"), r::toString);
    assertTrue(r.err().contains("Run 'tenantctl create --help'"), r::toString);
  }

  @Test
  void createNeedsATenantOrAll() {
    var r = cli.run("create");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("name a tenant, or pass --all"), r::toString);
  }

  @Test
  void createRefusesTenantsAndAllTogether() {
    var r = cli.run("create", "acme", "--all");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("not both"), r::toString);
  }

  @Test
  void createRefusesAnUnknownTenantAndListsTheKnownOnes() {
    var r = cli.run("create", "hooli");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("no tenant named hooli"), r::toString);
    assertTrue(r.err().contains("acme, globex, initech"), r::toString);
  }

  @Test
  void statusRefusesAnUnknownTenant() {
    var r = cli.run("status", "hooli");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("no tenant named hooli"), r::toString);
  }

  @Test
  void outputMustBeTextOrJson() {
    var r = cli.run("--output", "xml", "validate");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("xml"), r::toString);
    assertTrue(r.err().contains("text, json"), r::toString);
  }

  @Test
  void globalOptionsWorkAfterTheSubcommandToo() {
    var r = cli.runRaw("validate", "--fleet", repo.resolve("fleet.yaml").toString(), "--tenants",
        repo.resolve("tenants").toString(), "--output", "json");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().trim().startsWith("{"), r::toString);
  }

  @Test
  void validateSaysWhatIsValid() throws Exception {
    var r = cli.run("validate");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("3 tenant manifest(s)"), r::toString);
    var json = new ObjectMapper().readTree(cli.run("validate", "--output", "json").out());
    assertTrue(json.get("valid").asBoolean());
    assertEquals(3, json.get("tenants").size());
  }

  @Test
  void validateListsTheExceptionsToTheOneWayRuleOnRecord() throws Exception {
    Cli.write(repo.resolve("templates/app.yaml"), """
        Parameters:
          TenantName: {Type: String}
          AppVersion: {Type: String}
        Resources:
          Site: {Type: AWS::S3::Bucket}
          SitePolicy:
            Type: AWS::S3::BucketPolicy
            Metadata:
              tenantctl:
                exceptions: [{principal: "*", reason: the public website}]
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "*"}]
        """);

    var r = cli.run("validate");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("stack app: exception to the one-way rule on record: SitePolicy, principal *:"
        + " the public website"), r::toString);
    var json = new ObjectMapper().readTree(cli.run("validate", "--output", "json").out());
    assertEquals("SitePolicy, principal *: the public website", json.get("exceptions").get("app").get(0).asText());
  }

  @Test
  void aMissingFleetFileIsInvalidInput() {
    var r = cli.runRaw("--fleet", repo.resolve("nope.yaml").toString(), "validate");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("nope.yaml"), r::toString);
  }

  @Test
  void aTemplateParameterWithoutAValueIsFoundByValidate() {
    Cli.write(repo.resolve("templates/app.yaml"), """
        Parameters:
          TenantName: {Type: String}
          AppVersion: {Type: String}
          Size: {Type: String}
        Resources:
          Q: {Type: AWS::SQS::Queue}
        """);
    var r = cli.run("validate");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("parameter Size of templates/app.yaml has no value"), r::toString);
  }

  @Test
  void aManifestParameterTheTemplateDoesNotDeclareIsFound() {
    Cli.write(repo.resolve("tenants/globex.yaml"), """
        name: globex
        wave: early
        parameters:
          app:
            Colour: "blue"
        """);
    var r = cli.run("create", "globex");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("parameter Colour is not declared in templates/app.yaml"), r::toString);
    assertTrue(r.err().contains("error: tenants/globex.yaml:5:5: tenant globex, stack app: parameter Colour"),
        r::toString);
    var validate = cli.run("validate");
    assertEquals(2, validate.exitCode(), validate::toString);
    assertTrue(validate.err().contains("tenants/globex.yaml:5:5: "), validate::toString);
    assertTrue(!validate.err().contains("run `tenantctl validate`"), "never tell a validate user to run validate: "
        + validate);
  }

  @Test
  void aSecretShorterThanFourCharactersIsRefusedNamingTheParameter() throws Exception {
    Path fleet = repo.resolve("fleet.yaml");
    java.nio.file.Files.writeString(fleet, java.nio.file.Files.readString(fleet).replace("      AppVersion: \"1.0.0\"\n",
        "      AppVersion: \"1.0.0\"\n      DbPassword: \"${env:DB_PASSWORD}\"\n    secretParameters: [DbPassword]\n"));
    Path app = repo.resolve("templates/app.yaml");
    java.nio.file.Files.writeString(app, java.nio.file.Files.readString(app).replace("  AppVersion:\n",
        "  DbPassword:\n    Type: String\n  AppVersion:\n"));

    var r = cli.withEnv(java.util.Map.of("DB_PASSWORD", "ab")).run("deploy", "acme", "--stack", "app");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("fleet.yaml:"), r::toString);
    assertTrue(r.err().contains("tenant acme, stack app: secret parameter DbPassword is shorter than 4 characters"),
        r::toString);
    assertTrue(r.err().contains("give it a value of at least 4 characters"), r::toString);
    assertEquals(0, cli.cloudsRequested());
  }

  @Test
  void emulatorTakesOnlyItsActions() {
    var r = cli.runRaw("emulator", "restart");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("start, stop, status"), r::toString);
  }

  @Test
  void aParameterFromAnUnsetEnvironmentVariableIsInvalidInput() {
    Cli.write(repo.resolve("tenants/globex.yaml"), """
        name: globex
        wave: early
        parameters:
          app:
            AppVersion: "${env:GLOBEX_VERSION}"
        """);
    var r = cli.run("deploy", "globex", "--stack", "app");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("needs the environment variable GLOBEX_VERSION, which is not set"), r::toString);
    assertTrue(r.err().contains("tenants/globex.yaml:5:5: tenant globex, stack app: parameter AppVersion"),
        r::toString);
  }

  @Test
  void onlyACommandThatDeploysOrPreviewsTheStackNeedsItsVariable() {
    Cli.write(repo.resolve("tenants/globex.yaml"), """
        name: globex
        wave: early
        parameters:
          app:
            AppVersion: "${env:GLOBEX_VERSION}"
        """);
    var validate = cli.run("validate");
    assertEquals(0, validate.exitCode(), validate::toString);
    assertTrue(validate.out().contains("deploying stack app needs the environment variable(s) GLOBEX_VERSION"),
        validate::toString);
    for (String[] command : new String[][] {{"diff", "globex", "--stack", "app"}, {"deploy", "globex"}}) {
      var r = cli.run(command);
      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(r.err().contains("GLOBEX_VERSION"), r::toString);
    }
    assertEquals(0, cli.cloudsRequested(), "refused before any AWS client");
  }

  @Test
  void everyHelpPageAtEveryDepthEndsWithTheExitCodesAndNoFormatWarning() {
    List<String> pages = new ArrayList<>();
    commands(io.tenantctl.TenantCtl.commandLine(new io.tenantctl.app.Launch(java.util.Map.of(), s -> {
      throw new AssertionError("no cloud");
    })), List.of(), pages);
    assertTrue(pages.size() > 20 && pages.contains("rollout start") && pages.contains("dev up"), pages::toString);
    var stderr = System.err;
    var captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String page : pages) {
        List<String> args = new ArrayList<>(List.of(page.split(" ")));
        args.add("--help");
        var r = cli.runRaw(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), page + ": " + r);
        assertTrue(r.out().contains("Exit codes:\n  0  success\n"), page + ":\n" + r.out());
        assertFalse(r.out().contains("%s") || r.out().contains("%n"), page + ":\n" + r.out());
        assertFalse(r.err().contains("picocli WARN"), page + ":\n" + r.err());
      }
    } finally {
      System.setErr(stderr);
    }
    assertFalse(captured.toString(java.nio.charset.StandardCharsets.UTF_8).contains("picocli WARN"),
        captured::toString);
  }

  private static void commands(picocli.CommandLine cli, List<String> path, List<String> pages) {
    cli.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help")) {
        return;
      }
      List<String> here = new ArrayList<>(path);
      here.add(name);
      pages.add(String.join(" ", here));
      commands(sub, here, pages);
    });
  }

  @Test
  void rolloutStartsHelpDescribesSelectAndNotTenantsAsASelector() {
    var r = cli.runRaw("rollout", "start", "--help");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("--select=LABEL=VALUE[,…]"), r.out());
    assertTrue(r.out().contains("rollout start --stack app --select tier=enterprise"), r.out());
    assertFalse(r.out().contains("--tenants KEY=VALUE") || r.out().contains("--tenants=DIR"), r.out());
    assertTrue(r.out().contains("--yes") && r.out().contains("--dry-run"), r.out());
  }

  @Test
  void devUpsHelpNamesTheOwnerArgument() {
    var r = cli.runRaw("dev", "up", "--help");
    assertTrue(r.out().startsWith("Usage: tenantctl dev up [OPTIONS] [OWNER]"), r.out());
    assertTrue(r.out().contains("  tenantctl --local dev up alice --ttl 8h"), r.out());
    assertFalse(r.out().contains("up --create-organization"), "not the examples of `tenantctl up`: " + r.out());
  }
}
