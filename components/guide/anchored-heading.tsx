import type { ReactNode } from "react";

type Props = {
  id: string;
  level: 2 | 3;
  /** Plain text of the heading, for the anchor's accessible name. */
  title: string;
  /** "Link to this step" (or section), in the page's language. */
  anchorLabel: string;
  children?: ReactNode;
  className?: string;
};

/**
 * A heading with a stable id and a visible "#" link to itself, so a provider can send a colleague
 * straight to one step. The link's name includes the title: many identical "link" names would be
 * meaningless to a screen-reader user.
 */
export function AnchoredHeading({ id, level, title, anchorLabel, children, className = "" }: Props) {
  const Tag = level === 2 ? "h2" : "h3";
  return (
    <Tag id={id} className={`group scroll-mt-6 ${className}`}>
      {children ?? title}
      <a
        href={`#${id}`}
        className="guide-anchor ml-2 inline-block rounded px-1 align-baseline text-base font-normal text-slate-500 no-underline hover:text-brand-700 focus-visible:text-brand-700"
      >
        <span aria-hidden="true">#</span>
        <span className="sr-only">{`${anchorLabel}: ${title}`}</span>
      </a>
    </Tag>
  );
}
