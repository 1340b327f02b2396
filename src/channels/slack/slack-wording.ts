/** Core sentences name commands as `pat …` (Teams); Slack people type `/pat …`. */
export function forSlack(text: string, prefix = '/pat'): string {
  return text.replace(/`pat(?=[ `])/g, `\`${prefix}`);
}
