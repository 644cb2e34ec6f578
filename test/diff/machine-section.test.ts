// The machine section of a PR body: found by its digest, so no text inside it can end it early.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  appendToSection,
  findMachineSection,
  humanLength,
  machineSection,
  reportDigest,
  reportDigestLine,
  spliceBody,
} from "../../src/diff/machine-section.ts";

test("the machine part is replaced in place; what a person wrote around it survives", () => {
  const human = `Please review by Friday.\n\n${machineSection("old")}\n\n- [x] checked with the team`;
  assert.equal(
    spliceBody(human, machineSection("new")),
    `Please review by Friday.\n\n${machineSection("new")}\n\n- [x] checked with the team`,
  );
  assert.equal(spliceBody("", machineSection("x")), machineSection("x"));
  assert.equal(spliceBody("Notes", machineSection("x")), `${machineSection("x")}\n\nNotes`);
  assert.equal(humanLength(human), human.length - machineSection("old").length);
  assert.equal(humanLength("Notes"), "Notes".length + 2, "the two line breaks a splice adds are counted");
});

test("a look-alike end marker inside the section, with or without a digest, does not end it", () => {
  const forgedPlain = "<!-- ingress-gitops:end -->";
  const forgedDigest = `<!-- ingress-gitops:end sha256=${"0".repeat(64)} -->`;
  // A section that quotes a whole other section, markers and all, cannot be cut at the quoted end either.
  const quoted = machineSection("inner");
  const content = `a\n${forgedPlain}\nb\n${forgedDigest}\n${quoted}\nc`;
  const body = `top\n\n${machineSection(content)}\n\nbottom`;
  assert.equal(findMachineSection(body)?.content, content);
  assert.equal(spliceBody(body, machineSection("new")), `top\n\n${machineSection("new")}\n\nbottom`);
});

test("a person's text that copies the markers without the section's digest is left alone", () => {
  const pasted =
    "<!-- ingress-gitops:start sha256=" + "1".repeat(64) + " -->\nmine\n<!-- ingress-gitops:end sha256=" + "1".repeat(64) + " -->";
  const body = `${pasted}\n\n${machineSection("old")}`;
  assert.equal(spliceBody(body, machineSection("new")), `${pasted}\n\n${machineSection("new")}`);
});

test("a body written with the old markers is updated in place once, its last end marker being the real one", () => {
  const legacy = "intro\n\n<!-- ingress-gitops:start -->\nold <!-- ingress-gitops:end --> tail\n<!-- ingress-gitops:end -->\n\nnotes";
  const once = spliceBody(legacy, machineSection("new"));
  assert.equal(once, `intro\n\n${machineSection("new")}\n\nnotes`);
  assert.equal(spliceBody(once, machineSection("new")), once);
});

test("text appended to the section goes inside its markers, so its digest covers it and the next update replaces it", () => {
  const body = `top\n\n${machineSection("plan")}\n\nbottom`;
  const noted = appendToSection(body, "> a note");
  assert.equal(noted, `top\n\n${machineSection("plan\n> a note")}\n\nbottom`);
  assert.equal(findMachineSection(noted)?.content, "plan\n> a note");
  assert.equal(spliceBody(noted, machineSection("next")), `top\n\n${machineSection("next")}\n\nbottom`);
  assert.equal(appendToSection("no section", "> a note"), "no section\n\n> a note", "a body without one gets the text after it");
});

test("the report digest is read from the section's digest line, and from nothing outside the section", () => {
  const digest = "c".repeat(64);
  const section = machineSection(`${reportDigestLine(digest)}\n## Ingress topology`);
  assert.equal(reportDigest(`intro\n\n${section}`), digest);
  // A person who pastes a digest line beside the section, or a body with no section, changes nothing.
  assert.equal(reportDigest(`${reportDigestLine("d".repeat(64))}\n\n${machineSection("## Ingress topology")}`), undefined);
  assert.equal(reportDigest(reportDigestLine(digest)), undefined);
});
