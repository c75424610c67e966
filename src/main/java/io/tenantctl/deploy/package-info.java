/** Deploy, diff and status of one tenant's stacks. */
package io.tenantctl.deploy;
