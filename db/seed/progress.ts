/** A one-line progress bar on stderr; on a non-terminal it prints every tenth instead. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastTenth = -1;
  return (done: number, total: number) => {
    const fraction = total === 0 ? 1 : done / total;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${seconds}s`);
      if (done === total) stream.write('\n');
    } else if (Math.floor(fraction * 10) > lastTenth || done === total) {
      lastTenth = Math.floor(fraction * 10);
      stream.write(`${label} ${done}/${total} (${Math.round(fraction * 100)}%) ${seconds}s\n`);
    }
  };
}
