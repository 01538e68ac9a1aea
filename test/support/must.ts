/** The SDK's `{ data, error }` answer as its data, or the test fails showing the problem the API returned. */
export const must = <T>(result: { data?: T; error?: unknown }): T => {
  if (!result.data) throw new Error(JSON.stringify(result.error));
  return result.data;
};
