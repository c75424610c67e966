/** How results and progress look: text tables, JSON, JSON lines, and the terminal-aware progress display. */
package io.tenantctl.output;
