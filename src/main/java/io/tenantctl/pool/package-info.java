/** The account pool: claim, release, refill and quarantine pool accounts. */
package io.tenantctl.pool;
