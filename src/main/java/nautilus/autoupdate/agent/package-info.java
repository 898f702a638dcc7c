/**
 * The coding agent for what the automatic fixes leave: {@link nautilus.autoupdate.agent.Dispatcher}
 * writes the {@link nautilus.autoupdate.agent.Brief}, runs the agent ({@link
 * nautilus.autoupdate.agent.AgentProcess}) in a worktree of the update branch with a filtered
 * environment ({@link nautilus.autoupdate.agent.AgentEnv}), checks its diff against the {@link
 * nautilus.autoupdate.agent.Guardrails}, re-runs the analysis and the tests, and commits only what
 * made things better.
 */
package nautilus.autoupdate.agent;
