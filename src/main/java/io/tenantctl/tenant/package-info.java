/** What a tenant is beyond its file: customer or developer tenant (owner, expiry), and tenant selectors. */
package io.tenantctl.tenant;
