/**
 * A body that the content build already rendered to HTML (mdxToHtml). One element with inner HTML, so the
 * browser hydrates this element instead of every paragraph, heading and link inside it.
 */
export function ContentHtml({ html, className }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
