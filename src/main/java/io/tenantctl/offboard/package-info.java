/** Offboarding: delete a tenant's stacks, quarantine its account, close it within the closure quota. */
package io.tenantctl.offboard;
