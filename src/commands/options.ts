/** The options every report command takes: where the data is, and the window and as-of. */
export interface ReportCommandOptions {
  db?: string;
  config?: string;
  since?: string;
  from?: string;
  to?: string;
  asOf?: string;
}
