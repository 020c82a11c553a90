"""A person's assessment and roadmap: the result kept with its plan, progress on the plan,
what-ifs and the export. Built on the catalog and the core."""
