import { NotFoundMessage } from '@/components/not-found-message';

/** A record or page not found inside the signed-in shell: shown in the shell's own main landmark, so not a second one. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-10">
      <NotFoundMessage />
    </div>
  );
}
