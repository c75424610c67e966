package io.tenantctl;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package layout of DESIGN §4, kept true: checked on the main classes only. */
@AnalyzeClasses(packages = "io.tenantctl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  // every package is its own slice: isolation.live sits above stacks, the pure isolation engine below it
  @ArchTest
  static final ArchRule packagesDoNotImportInCycles = slices()
      .matching("io.tenantctl.(**)")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule picocliOnlyInTheCli = noClasses()
      .that().resideOutsideOfPackage("io.tenantctl.cli..")
      .and().doNotBelongToAnyOf(TenantCtl.class)
      .should().dependOnClassesThat().resideInAPackage("picocli..")
      .because("services know nothing of picocli: commands turn options into requests");

  @ArchTest
  static final ArchRule awsAdaptersOnlyWiredByTheCompositionRoot = classes()
      .that().resideInAPackage("io.tenantctl.cloud.aws..")
      .should().onlyHaveDependentClassesThat().resideInAnyPackage(
          "io.tenantctl.cloud.aws..",
          "io.tenantctl.app..")
      .because("flows talk to AWS through the cloud ports, so they run on the simulation too");

  @ArchTest
  static final ArchRule manifestIsALeaf = leaf("io.tenantctl.manifest..");

  @ArchTest
  static final ArchRule isolationEngineIsALeaf = leaf("io.tenantctl.isolation");

  @ArchTest
  static final ArchRule coreIsALeaf = leaf("io.tenantctl.core..");

  /** Classes in {@code pkg} use no other tenantctl package (isolation.live is not part of the pure engine). */
  private static ArchRule leaf(String pkg) {
    return noClasses()
        .that().resideInAPackage(pkg)
        .should().dependOnClassesThat(resideInAPackage("io.tenantctl..").and(not(resideInAPackage(pkg))))
        .because("manifest, isolation and core are leaves (DESIGN §4)");
  }
}
