package io.tenantctl.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test against the local AWS emulator (moto over HTTP, through the real SDK). Run by bin/test. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("emulator")
@EnabledIfSystemProperty(named = "tenantctl.emulator.tests", matches = "true",
    disabledReason = "needs the local AWS emulator: run bin/test")
@ExtendWith(EmulatorExtension.class)
public @interface EmulatorTest {}
