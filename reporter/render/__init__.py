"""Word documents from templates: the sandboxed renderer, template lint, GB/T 9704 styles and the template builder."""
