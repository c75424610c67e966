/** Personal developer tenants, built from the pool, onboarding and offboarding. */
package io.tenantctl.dev;
