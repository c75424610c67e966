package io.tenantctl.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenantctl.cloud.CloudException;
import io.tenantctl.cloud.Organization;
import io.tenantctl.cloud.sim.SimCloud;
import io.tenantctl.cloud.sim.SimConfig;
import io.tenantctl.cloud.sim.SimulatedCrash;
import io.tenantctl.core.Fault;
import io.tenantctl.sim.SimFleet;
import io.tenantctl.sim.Steps;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantctl.state.Journal;
import io.tenantctl.state.StateStore;
import io.tenantctl.state.file.FileStateStores;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vendor's lookup order and its account creation, on the simulated cloud. */
class AccountVendorTest {
  private static final String EMAIL = "aws+acme@example.com";
  private static final Map<String, String> TAGS = Map.of(AccountDirectory.TENANT_TAG, "acme", "tier", "enterprise");

  @TempDir Path state;
  SimCloud sim;
  StateStore store;
  Journal<AccountEvent> journal;
  Steps steps = new Steps();

  @BeforeEach
  void setUp() {
    sim = new SimCloud(SimConfig.seeded(7).accountCreationPolls(3).roleNotAssumableFor(0));
    store = stateOf(sim);
    journal = store.journal(AccountVendor.JOURNAL, AccountEvent.class);
  }

  /** The organization's state in the test's state directory, as a new process opens it. */
  private StateStore stateOf(SimCloud cloud) {
    return new FileStateStores(state).deferred(OrganizationScope.of(cloud.organization(), Optional.empty()));
  }

  private AccountVendor vendor() {
    var org = sim.organization();
    return new AccountVendor(org, new AccountDirectory(org), new OuPaths(org), stateOf(sim), SimFleet.NO_DELAY);
  }

  private static AccountVendor.Wanted wanted(Optional<String> adoptId) {
    return new AccountVendor.Wanted(AccountVendor.Purpose.TENANT, "acme", "tenant-acme", EMAIL, adoptId, TAGS);
  }

  private AccountVendor.Vended vend(Optional<String> adoptId) {
    return vendor().vend(wanted(adoptId), steps);
  }

  @Test
  void anAccountTaggedForTheTenantWinsOverOneWithItsEmail() {
    String tagged = sim.addAccount("acme-old", "old-acme@example.com", "/Tenants", Map.of(AccountDirectory.TENANT_TAG,
        "acme"));
    sim.addAccount("acme-by-mail", EMAIL, "/", Map.of());

    var vended = vend(Optional.empty());

    assertEquals(tagged, vended.account().id());
    assertEquals(AccountVendor.How.FOUND_BY_TAG, vended.how());
    assertEquals(0, sim.writes(), "finding writes nothing");
  }

  @Test
  void theTenantsEmailWinsOverTheManifestsAccountId() {
    String byMail = sim.addAccount("acme-by-mail", EMAIL, "/", Map.of());
    String named = sim.addAccount("legacy", "legacy@example.com", "/", Map.of());

    var vended = vend(Optional.of(named));

    assertEquals(byMail, vended.account().id());
    assertEquals(AccountVendor.How.FOUND_BY_EMAIL, vended.how());
  }

  @Test
  void theAccountIdInTheManifestIsAdopted() {
    String named = sim.addAccount("legacy", "legacy@example.com", "/", Map.of());

    var vended = vend(Optional.of(named));

    assertEquals(named, vended.account().id());
    assertEquals(AccountVendor.How.ADOPTED, vended.how());
    assertEquals(0, sim.calls("createAccount"));
  }

  @Test
  void anAccountIdNotInTheOrganizationIsAFaultWithItsFix() {
    Fault f = assertThrows(Fault.class, () -> vend(Optional.of("999999999999")));

    assertTrue(f.getMessage().contains("999999999999") && f.getMessage().contains("acme"), f.getMessage());
    assertTrue(f.fix().orElseThrow().contains("invite the account"), f.fix().orElseThrow());
    assertEquals(0, sim.calls("createAccount"));
  }

  @Test
  void theVendorNeverTakesAPoolAccountOnlyThePoolsClaimDoes() {
    String free = sim.addAccount("pool-free", "pool-2@example.com", "/Pool", Map.of());

    assertTrue(vendor().find(wanted(Optional.empty()), steps).isEmpty(), "nothing is the tenant's yet");
    var vended = vend(Optional.empty());

    assertEquals(AccountVendor.How.CREATED, vended.how());
    assertNotEquals(free, vended.account().id());
    assertEquals(Map.of(), sim.accountTags(free), "the pool account is untouched");
  }

  @Test
  void otherwiseANewAccountIsCreatedAndPolledUntilItExists() {
    var vended = vend(Optional.empty());

    assertEquals(AccountVendor.How.CREATED, vended.how());
    assertEquals(1, sim.calls("createAccount"));
    assertEquals(4, sim.calls("accountRequest"), "three polls IN_PROGRESS, the fourth SUCCEEDED");
    var accounts = sim.accountsWithEmail(EMAIL);
    assertEquals(1, accounts.size());
    assertEquals(vended.account().id(), accounts.get(0).id());
    assertEquals("tenant-acme", accounts.get(0).name());
    assertEquals("acme", sim.accountTags(vended.account().id()).get(AccountDirectory.TENANT_TAG));
    assertEquals("/", sim.ouPath(vended.account().id()), "a new account starts in the root");
    assertTrue(steps.saidStep("acme: creating account tenant-acme <" + EMAIL + ">"), steps::toString);
    assertTrue(steps.saidStep("account " + vended.account().id() + " is ready"), steps::toString);
  }

  @Test
  void anAccountTaggedForAnotherTenantFoundByEmailIsAFault() {
    String other = sim.addAccount("globex", EMAIL, "/Tenants", Map.of(AccountDirectory.TENANT_TAG, "globex"));

    Fault f = assertThrows(Fault.class, () -> vend(Optional.empty()));

    assertTrue(f.getMessage().contains(other) && f.getMessage().contains("belongs to tenant globex"), f.getMessage());
    assertTrue(f.fix().isPresent());
    assertEquals(0, sim.writes());
  }

  @Test
  void anEmailUsedOutsideTheOrganizationFailsNamingTheManifestToFix() {
    sim.config().emailTakenOutsideOrganization(EMAIL);

    Fault f = assertThrows(Fault.class, () -> vend(Optional.empty()));

    assertTrue(f.getMessage().contains("tenant acme") && f.getMessage().contains(EMAIL)
        && f.getMessage().contains("EMAIL_ALREADY_EXISTS"), f.getMessage());
    String fix = f.fix().orElseThrow();
    assertTrue(fix.contains("tenants/acme.yaml") && fix.contains(EMAIL), fix);
    assertTrue(sim.accountsWithEmail(EMAIL).isEmpty());
    assertEquals(List.of("requesting", "requested", "failed"), events());
  }

  @Test
  void theAccountQuotaFailsTheCreationWithItsFix() {
    sim.config().accountQuota(1);

    Fault f = assertThrows(Fault.class, () -> vend(Optional.empty()));

    assertTrue(f.getMessage().contains("tenant acme") && f.getMessage().contains(EMAIL)
        && f.getMessage().contains("ACCOUNT_LIMIT_EXCEEDED"), f.getMessage());
    assertTrue(f.fix().orElseThrow().contains("quota"), f.fix().orElseThrow());
    assertTrue(sim.accountsWithEmail(EMAIL).isEmpty());
  }

  @Test
  void aConcurrentModificationFailureSaysReRun() {
    sim.config().failNextAccountCreation("CONCURRENT_ACCOUNT_MODIFICATION");

    Fault f = assertThrows(Fault.class, () -> vend(Optional.empty()));
    assertTrue(f.fix().orElseThrow().contains("re-run"), f.fix().orElseThrow());

    var again = vend(Optional.empty());
    assertEquals(AccountVendor.How.CREATED, again.how(), "the failed request is not resumed; a new one succeeds");
    assertEquals(1, sim.accountsWithEmail(EMAIL).size());
  }

  @Test
  void aRequestCrashedBeforeItsIdWasJournalledIsResumedEvenAfterAnEarlierFailedRequest() {
    // request A fails; request B is made but the run dies before journalling B's id
    sim.config().failNextAccountCreation("CONCURRENT_ACCOUNT_MODIFICATION");
    assertThrows(Fault.class, () -> vend(Optional.empty()));
    sim.config().crashAt("createAccount", 1);
    assertThrows(SimulatedCrash.class, () -> vend(Optional.empty()));
    String requestB = sim.organization().accountRequests().get(1).requestId();

    var vended = vend(Optional.empty());

    assertEquals(AccountVendor.How.RESUMED, vended.how(), "the latest intent (request B) decides, not A's id");
    assertEquals(2, sim.calls("createAccount"), "no third CreateAccount: " + sim.calls());
    assertTrue(steps.saidStep("resuming account request " + requestB), steps::toString);
    sim.settleAccountRequests();
    assertEquals(List.of(vended.account().id()), sim.accountsWithEmail(EMAIL).stream().map(a -> a.id()).toList());
  }

  @Test
  void theJournalRecordsTheRequestBeforePollingAndNoSecrets() throws IOException {
    var vended = vend(Optional.empty());

    assertEquals(List.of("requesting", "requested", "created"), events());
    String requestId = ((AccountEvent.Requested) journal.entries().get(1).event()).requestId();
    assertTrue(requestId.startsWith("car-"), requestId);
    assertEquals(new AccountEvent.Created(AccountVendor.Purpose.TENANT, "acme", requestId, vended.account().id()),
        journal.entries().get(2).event());
    Set<String> allowed = Set.of("type", "purpose", "name", "accountName", "requestId", "accountId", "reason");
    var lines = Files.readAllLines(state.resolve("state").resolve(store.scope().key()).resolve("journal")
        .resolve("accounts.jsonl"));
    assertEquals(3, lines.size());
    for (String line : lines) {
      var entry = new ObjectMapper().readTree(line);
      assertEquals("TENANT:acme", entry.get("key").asText(), line);
      var event = entry.get("event");
      List<String> fields = new ArrayList<>();
      event.fieldNames().forEachRemaining(fields::add);
      assertTrue(allowed.containsAll(fields), "only ids and names are journalled: " + line);
      assertEquals("acme", event.get("name").asText());
      assertEquals("TENANT", event.get("purpose").asText());
      assertFalse(line.contains("arn:aws:sts") || line.contains("Secret"), line);
    }
  }

  @Test
  void aTenantNamedProductionNeverResumesTheProductionAccountsRequest() {
    // bootstrap's request for the production account, interrupted after its id was journalled
    sim.config().crashAt("accountRequest", 1);
    assertThrows(SimulatedCrash.class, () -> vendor().provision(new AccountVendor.Wanted(
        AccountVendor.Purpose.PRODUCTION, "production", "production", "aws+production@example.com", Optional.empty(),
        Map.of()), steps));
    var production = sim.organization().accountRequests().get(0);

    var vended = vendor().vend(new AccountVendor.Wanted(AccountVendor.Purpose.TENANT, "production",
        "tenant-production", "aws+tenant-production@example.com", Optional.empty(),
        Map.of(AccountDirectory.TENANT_TAG, "production")), steps);

    assertEquals(AccountVendor.How.CREATED, vended.how());
    assertEquals("aws+tenant-production@example.com", vended.account().email());
    assertFalse(steps.saidStep(production.requestId()), steps::toString);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"CreateAccountStatusNotFoundException", "AccountNotFoundException"})
  void aRequestTheOrganizationDoesNotKnowIsReportedAndSetAsideAndTheRunGoesOn(String code) {
    // as after the emulator restarted: the journal names a request the organization does not know; AWS answers
    // CreateAccountStatusNotFoundException, moto AccountNotFoundException
    journal.append("TENANT:acme", new AccountEvent.Requesting(AccountVendor.Purpose.TENANT, "acme", "tenant-acme"));
    journal.append("TENANT:acme", new AccountEvent.Requested(AccountVendor.Purpose.TENANT, "acme", "car-gone"));
    var org = unknowing(sim.organization(), "car-gone", code);
    var vendor = new AccountVendor(org, new AccountDirectory(org), new OuPaths(org), stateOf(sim), SimFleet.NO_DELAY);

    var vended = vendor.vend(wanted(Optional.empty()), steps);

    assertEquals(AccountVendor.How.CREATED, vended.how());
    assertTrue(steps.saidStep("acme: account request car-gone in the journal is unknown to organization "
        + store.scope().organizationId() + " (" + code + "); setting it aside"), steps::toString);
    assertEquals(List.of("requesting", "requested", "set-aside", "requesting", "requested", "created"), events());
    assertEquals(1, sim.accountsWithEmail(EMAIL).size());

    var again = vendor.vend(wanted(Optional.empty()), steps);
    assertEquals(AccountVendor.How.FOUND_BY_TAG, again.how());
    assertEquals(1, steps.steps.stream().filter(s -> s.contains("car-gone")).count(), "set aside once: " + steps);
  }

  @Test
  void anyOtherFailureToReadAJournalledRequestStopsTheRunAndSetsNothingAside() {
    journal.append("TENANT:acme", new AccountEvent.Requesting(AccountVendor.Purpose.TENANT, "acme", "tenant-acme"));
    journal.append("TENANT:acme", new AccountEvent.Requested(AccountVendor.Purpose.TENANT, "acme", "car-busy"));
    var org = unknowing(sim.organization(), "car-busy", "TooManyRequestsException");
    var vendor = new AccountVendor(org, new AccountDirectory(org), new OuPaths(org), stateOf(sim), SimFleet.NO_DELAY);

    var e = assertThrows(CloudException.class, () -> vendor.vend(wanted(Optional.empty()), steps));

    assertEquals("TooManyRequestsException", e.errorCode());
    assertEquals(List.of("requesting", "requested"), events());
    assertEquals(0, sim.calls("createAccount"));
  }

  /** {@code org}, except that it answers {@code code} when asked about {@code requestId}. */
  private static Organization unknowing(Organization org, String requestId, String code) {
    return (Organization) Proxy.newProxyInstance(Organization.class.getClassLoader(),
        new Class<?>[] {Organization.class}, (proxy, method, args) -> {
          if (method.getName().equals("accountRequest") && requestId.equals(args[0])) {
            throw new CloudException(code, "Organizations DescribeCreateAccountStatus " + requestId + " failed", null);
          }
          try {
            return method.invoke(org, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void anotherOrganizationsJournalIsNeverReplayed() {
    // a request journalled against one organization (say, the emulator) ...
    sim.config().crashAt("accountRequest", 1);
    assertThrows(SimulatedCrash.class, () -> vend(Optional.empty()));
    // ... means nothing to another one sharing the state directory
    var other = new SimCloud(SimConfig.seeded(8).accountCreationPolls(0).roleNotAssumableFor(0));
    var org = other.organization();
    var vendor = new AccountVendor(org, new AccountDirectory(org), new OuPaths(org), stateOf(other),
        SimFleet.NO_DELAY);

    var vended = vendor.vend(wanted(Optional.empty()), steps);

    assertEquals(AccountVendor.How.CREATED, vended.how());
    assertFalse(steps.saidStep("resuming") || steps.saidStep("setting it aside"), steps::toString);
    assertEquals(1, other.calls("accountRequest"), "only its own request is polled");
    assertEquals(List.of("requesting", "requested"), events(), "the first organization's journal is untouched");
  }

  private List<String> events() {
    return journal.entries().stream().map(e -> e.event().getClass().getAnnotation(JsonTypeName.class).value())
        .toList();
  }

  @Test
  void aDuplicateRequestRefusedForItsEmailAdoptsTheAccountTheFirstRequestMade() {
    // the SDK retried CreateAccount after losing the first response: AWS made the account, then
    // failed the second request with EMAIL_ALREADY_EXISTS
    var org = sim.organization();
    var directory = new AccountDirectory(org);
    directory.accounts();
    String made = sim.addAccount("tenant-acme", EMAIL, "/", TAGS);
    var vendor = new AccountVendor(org, directory, new OuPaths(org), stateOf(sim), SimFleet.NO_DELAY);

    var vended = vendor.vend(wanted(Optional.empty()), steps);

    assertEquals(made, vended.account().id());
    assertEquals(1, sim.accountsWithEmail(EMAIL).size(), "no second account");
    assertTrue(steps.saidStep("was made by another request meanwhile"), steps::toString);
    assertEquals(List.of("requesting", "requested", "created"), events());
  }

  @Test
  void anEmailTakenByAnotherRequestStillInProgressIsWaitedForNeverAdvisedAway() {
    // another operator's run (or an older naming) is making the account under another name; once made, the
    // account is not listed for a while
    sim.config().newAccountsUnlistedFor(3);
    var other = sim.organization().createAccount("acme-by-hand", EMAIL, TAGS);

    var vended = vend(Optional.empty());

    String made = sim.organization().accountRequest(other.requestId()).accountId().orElseThrow();
    assertEquals(made, vended.account().id());
    assertEquals(1, sim.accountsWithEmail(EMAIL).size(), "no second account");
    assertTrue(steps.saidStep("waiting for account request " + other.requestId()), steps::toString);
    assertEquals(List.of("requesting", "requested", "created"), events());
  }

  @Test
  void aRequestOfThisNameMadeWithoutAJournalIsFollowedNotRepeated() {
    // a crash between CreateAccount and its journal line, then .tenantctl lost (a CI runner, a fresh clone)
    sim.config().newAccountsUnlistedFor(2);
    var first = sim.organization().createAccount("tenant-acme", EMAIL, TAGS);

    var vended = vend(Optional.empty());

    assertEquals(AccountVendor.How.RESUMED, vended.how());
    assertEquals(1, sim.calls("createAccount"), "only the first request: " + sim.calls());
    assertEquals(sim.organization().accountRequest(first.requestId()).accountId().orElseThrow(),
        vended.account().id());
    assertEquals(List.of("created"), events());
  }
}
