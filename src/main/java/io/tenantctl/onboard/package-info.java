/** Onboarding: bootstrap the organization and production, and create tenants. */
package io.tenantctl.onboard;
