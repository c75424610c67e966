/** Fleet rollouts: the plan, waves, concurrency, tolerance, bake and health gates, fleet rollback and report. */
package io.tenantctl.rollout;
