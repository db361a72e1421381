import { ListLoading } from '@/components/list-loading';

export default function Loading() {
  return <ListLoading what="deliveries" />;
}
