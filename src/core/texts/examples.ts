import type { Programme } from '../../programme/model.ts';

/**
 * The examples help texts show ("update {project}: ...", "who leads cantiere {cantiere}?"), taken
 * from the programme file so every programme sees its own names. The shortest name a person would
 * type for a project: its shortest alias, else its name.
 */
export function helpExamples(programme: Programme | null): { project: string; cantiere: string } {
  const cantieri = (programme?.cantieri ?? []).filter((c) => !c.archived);
  const withProjects = cantieri.find((c) => c.projects.some((p) => !p.archived));
  const project = withProjects?.projects.find((p) => !p.archived);
  const shortest = project ? [...project.aliases, project.name].sort((a, b) => a.length - b.length)[0] : undefined;
  // Without a programme there is nothing to name: the placeholders read as what to type.
  return { project: shortest ?? '<progetto>', cantiere: (withProjects ?? cantieri[0])?.number ?? '1' };
}
