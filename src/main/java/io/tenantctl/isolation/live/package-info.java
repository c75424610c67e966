/** The one-way rule against the live organization: the deploy guard, the live audit and the guardrail policy. */
package io.tenantctl.isolation.live;
