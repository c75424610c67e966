/** The composition root: settings resolved once become the services a command calls. Knows no picocli. */
package io.tenantctl.app;
