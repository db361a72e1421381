import { handlers } from '@/auth';
import { countingFailedSignIns } from '@/lib/sign-in-limits';

// Sign-ins that end at the error page count against the IP's failed attempts.
export const GET = countingFailedSignIns(handlers.GET);
export const POST = countingFailedSignIns(handlers.POST);
